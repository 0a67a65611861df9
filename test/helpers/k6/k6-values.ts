/**
 * Test-only model of how k6 v1.x reads option values, written from its source (read at tags
 * v1.3.0, v1.8.1 and v2.2.0 of grafana/k6; the rules below are the same in all three):
 * lib/types/types.go (durations), gopkg.in/guregu/null.v3 (`null.Int`).
 */

/** Go's time.ParseDuration grammar: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare 0. */
const GO_DURATION = /^[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

function goDurationMs(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!GO_DURATION.test(text)) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of text.replace(/^[-+]/, '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  }
  return sign * total;
}

/**
 * `types.ParseExtendedDuration`: a bare number is milliseconds, `Nd` adds days, anything else
 * goes to Go's parser. Returns ms, or undefined where k6 reports an error.
 */
export function k6DurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
  const d = value.indexOf('d');
  if (d < 0) return goDurationMs(value);
  const days = /^[-+]?\d+$/.test(value.slice(0, d)) ? Number(value.slice(0, d)) : undefined;
  if (days === undefined) return undefined;
  const rest = value.slice(d + 1);
  const hours = rest === '' ? 0 : goDurationMs(rest);
  if (hours === undefined || hours < 0) return undefined;
  return days * 86_400_000 + (days < 0 ? -hours : hours);
}

/** `null.Int` from JSON: a whole number (Go refuses `2.5` for an int64). */
export function isK6Int(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
