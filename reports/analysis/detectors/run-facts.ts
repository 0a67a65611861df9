import type { DetectorInput } from './detector.js';
import type { ServerTimeline } from '../timeline.js';

/** Series whose id is `name` or ends with `.name`: `heap_used_bytes` finds `node.heap_used_bytes`. */
export function seriesEnding(input: DetectorInput, name: string): ServerTimeline[] {
  return input.timeline.server.filter((s) => s.id === name || s.id.endsWith(`.${name}`));
}

/** Open model: the profile schedules arrivals (constant or ramping arrival rate). */
export function isOpenModel(input: DetectorInput): boolean {
  const profile = input.run.meta.scenario.profile as { kind?: unknown; executor?: unknown } | null;
  const kind = String(profile?.kind ?? '') + ' ' + String(profile?.executor ?? '');
  return /rate|arrival|breakpoint/i.test(kind);
}

/** Indexes of the seconds with load on (VUs active or requests made). */
export function loadedSeconds(input: DetectorInput): number[] {
  const { vus, reqPerSec } = input.timeline;
  const out: number[] = [];
  for (let i = 0; i < input.timeline.t.length; i++) {
    if ((vus[i] ?? 0) > 0 || (reqPerSec[i] ?? 0) > 0) out.push(i);
  }
  return out;
}

/** Time range (unix seconds) spanned by the given timeline indexes. */
export function span(
  input: DetectorInput,
  indexes: readonly number[],
): { fromT: number; toT: number } | Record<string, never> {
  if (indexes.length === 0) return {};
  const ts = indexes.map((i) => input.timeline.t[i] as number);
  return { fromT: Math.min(...ts), toT: Math.max(...ts) };
}

export const round = (value: number, digits = 2): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;
