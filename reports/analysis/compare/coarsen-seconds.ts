import type { LatencySecond, RunSeconds, TrafficSeconds } from './run-seconds.js';

/**
 * A long run (a soak) as at most `maxUnits` units of k consecutive seconds, so a bootstrap of it
 * costs what a ten-minute run costs. Exact for every figure: requests, failures and histogram
 * counts are summed, so the merged percentiles of any set of units are those of their seconds;
 * server values become the unit's mean (CPU its sum, as CPU per request divides sums). Blocks of
 * units are blocks of k·b seconds, which only lengthens the blocks of such a long run.
 */
export function coarsenSeconds(run: RunSeconds, maxUnits: number): RunSeconds {
  const n = run.t.length;
  if (n <= maxUnits) return run;
  const k = Math.ceil(n / maxUnits);
  const starts = Array.from({ length: Math.ceil(n / k) }, (_, u) => u * k);
  const range = (u: number) => [starts[u]!, Math.min(starts[u]! + k, n)] as const;
  const traffic = (src: TrafficSeconds): TrafficSeconds => ({
    requests: starts.map((_, u) => sum(src.requests, ...range(u))),
    failed: starts.map((_, u) => sum(src.failed, ...range(u))),
    judged: starts.map((_, u) => sum(src.judged, ...range(u))),
    latency: starts.map((_, u) => mergeLatency(src.latency.slice(...range(u)))),
  });
  const server: RunSeconds['server'] = {};
  for (const [kind, values] of Object.entries(run.server) as [
    keyof RunSeconds['server'],
    number[],
  ][]) {
    server[kind] = starts.map((_, u) => {
      const [from, to] = range(u);
      const finite = values.slice(from, to).filter(Number.isFinite);
      if (finite.length === 0) return NaN;
      const total = finite.reduce((a, b) => a + b, 0);
      // CPU is summed per unit (CPU ms over the unit's seconds); the others are levels: mean.
      return kind === 'cpu' ? (total / finite.length) * (to - from) : total / finite.length;
    });
  }
  return {
    id: run.id,
    t: starts.map((s) => run.t[s]!),
    span: starts.map((_, u) => {
      const [from, to] = range(u);
      return sum(run.span, from, to);
    }),
    source: run.source,
    all: traffic(run.all),
    endpoints: new Map([...run.endpoints].map(([key, e]) => [key, traffic(e)])),
    server,
  };
}

function sum(values: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i]!;
  return s;
}

function mergeLatency(seconds: readonly (LatencySecond | null)[]): LatencySecond | null {
  const hist = new Map<number, number>();
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of seconds) {
    if (!s) continue;
    s.values.forEach((v, j) => hist.set(v, (hist.get(v) ?? 0) + s.counts[j]!));
    count += s.count;
    min = Math.min(min, s.min);
    max = Math.max(max, s.max);
  }
  if (count === 0) return null;
  const values = [...hist.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => hist.get(v)!), count, min, max };
}
