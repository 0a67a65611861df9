import { parseThresholds, type Aggregation } from '../../../scenarios/thresholds.js';
import type { DetectorInput } from './detector.js';

/** The rank an aggregation speaks for: the median is 50, max 100; min says nothing of a tail. */
function rankOf(aggregation: Aggregation): number | undefined {
  switch (aggregation.kind) {
    case 'percentile':
      return aggregation.p;
    case 'med':
    case 'avg':
      return 50;
    case 'max':
      return 100;
    default:
      return undefined;
  }
}

/**
 * What the scenario's thresholds allow http_req_duration at a rank (99 for p99, 100 for the
 * max), in ms: the tightest upper bound written at that rank or above (`p(99)<300` bounds the
 * p99 and everything below it), else the loosest one written below it (a `p(95)<250` says
 * what the user calls slow). Tagged thresholds judge a subset and are left out. Undefined when
 * the scenario sets no such threshold.
 */
export function latencyBudgetMs(input: DetectorInput, rank: number): number | undefined {
  let parsed;
  try {
    parsed = parseThresholds(input.run.meta.scenario.thresholds);
  } catch {
    return undefined;
  }
  const above: number[] = [];
  const below: number[] = [];
  for (const t of parsed) {
    if (t.selector.metric !== 'http_req_duration' || Object.keys(t.selector.tags).length > 0)
      continue;
    for (const e of t.expressions) {
      const at = rankOf(e.aggregation);
      if (at === undefined || (e.comparator !== '<' && e.comparator !== '<=') || e.value <= 0)
        continue;
      (at >= rank ? above : below).push(e.value);
    }
  }
  if (above.length > 0) return Math.min(...above);
  if (below.length > 0) return Math.max(...below);
  return undefined;
}

/**
 * Whether a latency figure is large enough to matter: at least `share` of the scenario's
 * budget at that rank where its thresholds give one (a p99 of 9 ms under `p(99)<300` is not a
 * finding, a p99 of 15 ms under `p(99)<20` is), else at least `floorMs`.
 */
export function mattersMs(
  input: DetectorInput,
  valueMs: number,
  rank: number,
  floorMs: number,
  share: number,
): { matters: boolean; budgetMs?: number } {
  const budgetMs = latencyBudgetMs(input, rank);
  if (budgetMs === undefined) return { matters: valueMs >= floorMs };
  return { matters: valueMs >= share * budgetMs, budgetMs };
}

/** Seconds holding at least one request as slow as `valueMs` (each second's max reaches it). */
export function secondsReaching(input: DetectorInput, valueMs: number): number {
  let n = 0;
  for (const max of input.timeline.max) if (max !== null && max >= valueMs) n++;
  return n;
}
