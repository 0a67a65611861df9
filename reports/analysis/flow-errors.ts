import type { RunData } from '../../core/run-dir/run-data.js';
import { mergeMetricBy } from '../../core/series/merge.js';
import type { Summary } from './summary.js';

/** One distinct exception the flow threw, with where and how often. */
export interface FlowErrorRow {
  message: string;
  /** `file:line` relative to the scenario file, when the stack showed one. */
  location: string | null;
  /** The `error` tag of its flow_errors series (`TypeError@checkout.ts:42`). */
  tag: string | null;
  count: number;
  /** Of all iterations, 0..1 (an iteration that threw still counts as one). */
  share: number;
}

/** Iterations the run recorded: the `iterations` counter, else the engine's own count. */
export function iterationCount(run: RunData, summary: Summary): number {
  const counted = summary.metrics['iterations'];
  return counted?.kind === 'counter' ? counted.count : (run.meta.engineResult?.iterations ?? 0);
}

/**
 * The flow's exceptions by message, most frequent first: from what the engine reported in
 * run.json, or, for a run that ended before it could (interrupted, killed), from the
 * flow_errors series by their `error` tag.
 */
export function flowErrorRows(run: RunData, summary: Summary): FlowErrorRow[] {
  const iterations = iterationCount(run, summary);
  const share = (count: number): number => (iterations > 0 ? Math.min(1, count / iterations) : 1);
  const result = run.meta.engineResult;
  const rows: FlowErrorRow[] = result
    ? Object.entries(result.flowErrors).map(([message, count]) => {
        const site = result.flowErrorSites?.[message];
        const location = site?.location ?? null;
        return { message, location, tag: site?.tag ?? null, count, share: share(count) };
      })
    : [...mergeMetricBy(run.client, 'flow_errors', (tags) => tags['error'] ?? '')]
        .filter(([tag, m]) => tag !== '' && m.kind === 'counter' && m.value > 0)
        .map(([tag, m]) => {
          const count = m.kind === 'counter' ? m.value : 0;
          return { message: tag, location: null, tag, count, share: share(count) };
        });
  return rows
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
}
