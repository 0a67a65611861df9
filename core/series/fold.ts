import { MetricKindError } from '../errors.js';
import { addEncoded } from '../hdr/add-encoded.js';
import { recordValue } from '../hdr/histogram.js';
import type { MetricKind, MetricSeries, TrendSeries } from '../run-dir/run-data.js';
import type {
  MergedCounter,
  MergedGauge,
  MergedMetric,
  MergedRate,
  MergedTrend,
} from './merged-metric.js';

/**
 * The rules of each metric kind, written once: how a sample is recorded, and how one series
 * folds into another. The aggregator's accumulators, the worker merge, live thresholds and
 * every analysis of a run directory call these.
 *
 * A trend records the value (histogram, count, sum, min, max); a counter adds it; a rate
 * counts a pass when it is non-zero; a gauge takes it as its value and widens its range.
 * Folding adds histograms exactly (the same HDR layout), sums counts, and keeps the gauge
 * value of the latest second.
 */

/** Throws the one kind-conflict error when a metric shows up with a second kind. */
export function checkKind(metric: string, had: MetricKind, got: MetricKind): void {
  if (had !== got) throw new MetricKindError(metric, had, got);
}

export function recordTrend(m: MergedTrend, value: number): void {
  recordValue(m.histogram, value);
  m.count++;
  m.sum += value;
  if (value < m.min) m.min = value;
  if (value > m.max) m.max = value;
}

export function recordCounter(m: MergedCounter, increment: number): void {
  m.value += increment;
}

export function recordRate(m: MergedRate, value: number): void {
  m.total++;
  if (value !== 0) m.passes++;
}

export function recordGauge(m: MergedGauge, value: number): void {
  m.value = value;
  if (value < m.min) m.min = value;
  if (value > m.max) m.max = value;
}

/**
 * Folds `from` into `into` (mutated). `from` is a series as stored (its histogram encoded:
 * added straight from the payload, never decoded into a histogram of its own) or one already
 * decoded. `t` is the second `from` belongs to: a gauge keeps the value of the latest one.
 */
export function foldInto(
  into: MergedMetric,
  from: MetricSeries | MergedMetric,
  t: number,
  metric: string,
): void {
  checkKind(metric, into.kind, from.kind);
  switch (into.kind) {
    case 'trend':
      return foldTrend(into, from as TrendSeries | MergedTrend);
    case 'counter':
      into.value += (from as MergedCounter).value;
      return;
    case 'rate':
      into.passes += (from as MergedRate).passes;
      into.total += (from as MergedRate).total;
      return;
    case 'gauge': {
      const g = from as MergedGauge;
      into.min = Math.min(into.min, g.min);
      into.max = Math.max(into.max, g.max);
      if (t >= into.lastT) {
        into.value = g.value;
        into.lastT = t;
      }
      return;
    }
  }
}

function foldTrend(into: MergedTrend, from: TrendSeries | MergedTrend): void {
  if (from.count === 0) return;
  if ('hist' in from) addEncoded(into.histogram, from.hist);
  else into.histogram.add(from.histogram);
  into.count += from.count;
  into.sum += from.sum;
  into.min = Math.min(into.min, from.min);
  into.max = Math.max(into.max, from.max);
}
