import { z } from 'zod';
import { DurationSyntaxError, parseDuration, type Ms } from '../duration.js';

/**
 * A duration as a user writes it (`'30s'`, `'1h30m'`, a number of milliseconds), parsed to
 * milliseconds, or an issue saying what was seen and what is expected. Add `.optional()` for
 * a field that may be left out.
 */
export function durationSchema() {
  return z.unknown().transform((value, ctx): Ms => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: "missing; expected a duration such as '30s'" });
      return z.NEVER;
    }
    try {
      return parseDuration(value as never);
    } catch (e) {
      if (!(e instanceof DurationSyntaxError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.issues[0]?.message ?? e.message });
      return z.NEVER;
    }
  });
}
