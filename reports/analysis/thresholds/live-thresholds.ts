import type { Threshold, ThresholdExpression } from '../../../scenarios/thresholds.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { addSeries, matchesTags, type MergedMetric } from '../../../core/series/merge.js';
import { judge } from './judge.js';
import { evaluateWindowed } from './windowed-threshold.js';

export interface Breach {
  selector: string;
  expression: string;
  actual: number;
  windowSec?: number;
}

interface Watched {
  threshold: Threshold;
  expression: ThresholdExpression;
  merged: MergedMetric | undefined;
}

/**
 * Thresholds judged while the run goes, one bucket at a time (pure: the caller brings the
 * clock as `elapsedMs`): those with `abortOnFail`, or all of them for profiles that stop when
 * a threshold breaks (stress, breakpoint). Whole-run expressions keep a running merge; window
 * expressions keep only their last window of buckets, so a soak of hours stays cheap. An
 * expression with no samples yet never counts as broken here.
 */
export class LiveThresholds {
  private readonly watched: Watched[] = [];
  private readonly recent: ClientBucket[] = [];
  private readonly keepSec: number;
  private firstT: number | undefined;

  constructor(thresholds: Threshold[], opts: { all: boolean }) {
    let keep = 0;
    for (const threshold of thresholds) {
      for (const expression of threshold.expressions) {
        if (!opts.all && expression.abortOnFail !== true) continue;
        this.watched.push({ threshold, expression, merged: undefined });
        keep = Math.max(keep, Math.ceil((expression.windowMs ?? 0) / 1000));
      }
    }
    this.keepSec = keep;
  }

  get active(): boolean {
    return this.watched.length > 0;
  }

  /** Adds one second; returns the expressions broken now (past their `delayAbortEval`). */
  push(bucket: ClientBucket, elapsedMs: number): Breach[] {
    if (this.watched.length === 0) return [];
    this.firstT ??= bucket.t;
    if (this.keepSec > 0) {
      this.recent.push(bucket);
      while (
        this.recent.length > 0 &&
        (this.recent[0] as ClientBucket).t <= bucket.t - this.keepSec
      ) {
        this.recent.shift();
      }
    }
    const breaches: Breach[] = [];
    for (const w of this.watched) {
      const { selector } = w.threshold;
      for (const series of bucket.metrics[selector.metric] ?? []) {
        if (matchesTags(series.tags, selector.tags)) {
          w.merged = addSeries(w.merged, series, bucket.t, selector.metric);
        }
      }
      if (elapsedMs < (w.expression.delayAbortEvalMs ?? 0)) continue;
      const windowMs = w.expression.windowMs;
      if (windowMs !== undefined) {
        const seconds = Math.round(windowMs / 1000);
        const lastWindow = this.recent.filter((b) => b.t > bucket.t - seconds);
        const v = evaluateWindowed(lastWindow, selector, w.expression);
        if (!v.ok && v.actual !== null) {
          breaches.push({
            selector: selector.source,
            expression: w.expression.source,
            actual: v.actual,
            windowSec: seconds,
          });
        }
        continue;
      }
      const v = judge(w.merged, w.expression, bucket.t - this.firstT + 1, selector.source);
      if (!v.ok && v.actual !== null) {
        breaches.push({
          selector: selector.source,
          expression: w.expression.source,
          actual: v.actual,
        });
      }
    }
    return breaches;
  }
}
