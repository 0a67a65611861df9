import { InvalidValueError } from '../core/errors.js';
import { parseDuration, type DurationInput, type Ms } from '../core/duration.js';

/** A pause between steps of a flow, as plain data so the k6 engine can compile it too. */
export type ThinkTime =
  | { kind: 'fixed'; ms: Ms }
  | { kind: 'uniform'; minMs: Ms; maxMs: Ms }
  | { kind: 'normal'; meanMs: Ms; stddevMs: Ms };

/** Always the same pause. */
export function fixed(duration: DurationInput): ThinkTime {
  return { kind: 'fixed', ms: parseDuration(duration, 'think time') };
}

/** A pause drawn uniformly between `min` and `max`: the usual "1 to 3 seconds". */
export function uniform(min: DurationInput, max: DurationInput): ThinkTime {
  const minMs = parseDuration(min, 'think time min');
  const maxMs = parseDuration(max, 'think time max');
  if (maxMs < minMs)
    throw new InvalidValueError(
      'think time',
      `max ${maxMs} ms is below min ${minMs} ms`,
      'swap them: uniform(min, max)',
    );
  return { kind: 'uniform', minMs, maxMs };
}

/** A pause drawn from a normal distribution (cut at 0): humans cluster around a typical pause. */
export function normal(mean: DurationInput, stddev: DurationInput): ThinkTime {
  return {
    kind: 'normal',
    meanMs: parseDuration(mean, 'think time mean'),
    stddevMs: parseDuration(stddev, 'think time stddev'),
  };
}

/** One draw of `t`, in ms; `random` returns [0, 1). */
export function drawThinkTimeMs(t: ThinkTime, random: () => number = Math.random): Ms {
  switch (t.kind) {
    case 'fixed':
      return t.ms;
    case 'uniform':
      return t.minMs + (t.maxMs - t.minMs) * random();
    case 'normal': {
      // Box-Muller.
      const u = 1 - random();
      const v = random();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.max(0, t.meanMs + z * t.stddevMs);
    }
  }
}
