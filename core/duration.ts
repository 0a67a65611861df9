import { DurationSyntaxError } from './errors.js';

/** Milliseconds. Durations are parsed at the edge into this, never passed around as strings. */
export type Ms = number;
/** A duration as a user writes it: a number of milliseconds, or '500ms', '30s', '2m', '1h30m'. */
export type DurationInput = number | string;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;

export function parseDuration(input: DurationInput, field = 'duration'): Ms {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new DurationSyntaxError(input, field);
    return input;
  }
  if (typeof input !== 'string') throw new DurationSyntaxError(input, field);
  const text = input.trim();
  // Digits enough to overflow a double would read as Infinity.
  if (/^\d+(\.\d+)?$/.test(text)) return finite(Number(text), input, field);
  let total = 0;
  let consumed = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
    consumed = PART.lastIndex;
  }
  if (consumed === 0 || consumed !== text.length) throw new DurationSyntaxError(input, field);
  return finite(total, input, field);
}

function finite(ms: number, input: DurationInput, field: string): Ms {
  if (!Number.isFinite(ms)) throw new DurationSyntaxError(input, field);
  return ms;
}

export function formatDuration(ms: Ms): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', rest || (!h && !m) ? `${rest}s` : ''].join('');
}

export { DurationSyntaxError };
