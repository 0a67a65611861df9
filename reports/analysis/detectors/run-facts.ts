import type { DetectorInput } from './detector.js';
import type { ServerTimeline } from '../timeline.js';

/** Series whose id is `name` or ends with `.name`: `heap_used_bytes` finds `node.heap_used_bytes`. */
export function seriesEnding(input: DetectorInput, name: string): ServerTimeline[] {
  return input.timeline.server.filter((s) => s.id === name || s.id.endsWith(`.${name}`));
}

/** Open model: the profile schedules arrivals (constant or ramping arrival rate). */
export function isOpenModel(input: DetectorInput): boolean {
  return input.run.meta.scenario.loadModel === 'open';
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

/**
 * The longest run of seconds under steady load: one non-zero VU count (closed model), or every
 * loaded second (open model, where the arrival rate holds the load steady). Growth inside it is
 * growth over time, not with load.
 */
export function steadyLoadSeconds(input: DetectorInput): number[] {
  const { vus, reqPerSec } = input.timeline;
  if (isOpenModel(input)) return loadedSeconds(input);
  const steadyAt = (i: number): boolean =>
    (vus[i] ?? 0) > 0 && reqPerSec[i] !== null && reqPerSec[i] !== undefined;
  let bestStart = 0;
  let bestLength = 0;
  for (let i = 0; i < vus.length;) {
    if (!steadyAt(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < vus.length && steadyAt(j) && vus[j] === vus[i]) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  return Array.from({ length: bestLength }, (_, k) => bestStart + k);
}
