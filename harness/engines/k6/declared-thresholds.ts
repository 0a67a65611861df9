import type { ThresholdSource } from '../../../scenarios/thresholds.js';

const expressionOf = (t: ThresholdSource): string =>
  (typeof t === 'string' ? t : t.threshold).replace(/\s+/g, '');

/**
 * The thresholds a plain k6 script declared, gathered from what k6 writes: its JSON output
 * (base metrics only, with `abortOnFail`) and its summary export (every metric key, tagged ones
 * included, as bare expressions). One entry per metric and expression; the fuller form wins.
 */
export class DeclaredThresholds {
  private readonly byMetric = new Map<string, Map<string, ThresholdSource>>();

  add(metric: string, sources: readonly ThresholdSource[]): void {
    let list = this.byMetric.get(metric);
    if (!list) this.byMetric.set(metric, (list = new Map()));
    for (const t of sources) {
      const key = expressionOf(t);
      const seen = list.get(key);
      if (seen === undefined || (typeof seen === 'string' && typeof t !== 'string'))
        list.set(key, t);
    }
  }

  addAll(record: Readonly<Record<string, readonly ThresholdSource[]>>): void {
    for (const [metric, list] of Object.entries(record)) this.add(metric, list);
  }

  get size(): number {
    return this.byMetric.size;
  }

  toRecord(): Record<string, ThresholdSource[]> {
    return Object.fromEntries([...this.byMetric].map(([m, list]) => [m, [...list.values()]]));
  }
}
