import type { Threshold, ThresholdExpression } from '../../../scenarios/thresholds.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { foldInto } from '../../../core/series/fold.js';
import { matchesTags } from '../../../core/series/merge.js';
import { emptyMerged, type MergedMetric } from '../../../core/series/merged-metric.js';
import { decodeBucket, type Second } from '../../../core/series/second.js';
import { judge } from './judge.js';

export interface Breach {
  selector: string;
  expression: string;
  actual: number;
  windowSec?: number;
}

/** A window expression's recent seconds: each one's matching series folded, oldest first. */
interface Window {
  /** Seconds the window reaches back (as written, rounded). */
  seconds: number;
  recent: { t: number; merged: MergedMetric }[];
}

interface Watched {
  threshold: Threshold;
  expression: ThresholdExpression;
  merged: MergedMetric | undefined;
  window?: Window;
}

/**
 * Thresholds judged while the run goes, one second at a time (pure: the caller brings the
 * clock as `elapsedMs`): those with `abortOnFail`, or all of them for profiles that stop when
 * a threshold breaks (stress, breakpoint). It reads the aggregator's decoded second and
 * decodes nothing: whole-run expressions keep a running merge; window expressions keep their
 * last window of per-second merges, so a soak of hours stays cheap. An expression with no
 * samples yet never counts as broken here. Figures equal those of the recorded run's
 * evaluation (thresholds.ts, windowed-threshold.ts) over the same seconds.
 */
export class LiveThresholds {
  private readonly watched: Watched[] = [];
  private firstT: number | undefined;

  constructor(thresholds: Threshold[], opts: { all: boolean }) {
    for (const threshold of thresholds) {
      for (const expression of threshold.expressions) {
        if (!opts.all && expression.abortOnFail !== true) continue;
        const windowMs = expression.windowMs;
        this.watched.push({
          threshold,
          expression,
          merged: undefined,
          ...(windowMs !== undefined
            ? { window: { seconds: Math.round(windowMs / 1000), recent: [] } }
            : {}),
        });
      }
    }
  }

  get active(): boolean {
    return this.watched.length > 0;
  }

  /** A second as stored (a recorded run replayed): decoded, then judged as a live one. */
  push(bucket: ClientBucket, elapsedMs: number): Breach[] {
    return this.watched.length === 0 ? [] : this.pushSecond(decodeBucket(bucket), elapsedMs);
  }

  /** Adds one second; returns the expressions broken now (past their `delayAbortEval`). */
  pushSecond(second: Second, elapsedMs: number): Breach[] {
    if (this.watched.length === 0) return [];
    this.firstT ??= second.t;
    const breaches: Breach[] = [];
    for (const w of this.watched) {
      const { selector } = w.threshold;
      const matching = (second.metrics[selector.metric] ?? []).filter((s) =>
        matchesTags(s.tags, selector.tags),
      );
      if (w.window !== undefined) {
        this.slide(w.window, second.t, matching, selector.metric);
        if (elapsedMs < (w.expression.delayAbortEvalMs ?? 0)) continue;
        const breach = this.judgeWindow(w, w.window);
        if (breach) breaches.push(breach);
        continue;
      }
      for (const s of matching) w.merged = fold(w.merged, s.merged, second.t, selector.metric);
      if (elapsedMs < (w.expression.delayAbortEvalMs ?? 0)) continue;
      const v = judge(w.merged, w.expression, second.t - this.firstT + 1, selector.source);
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

  /** Adds second `t` to the window (its own copy: the aggregator reuses what it hands out). */
  private slide(
    window: Window,
    t: number,
    matching: readonly { merged: MergedMetric }[],
    metric: string,
  ): void {
    let own: MergedMetric | undefined;
    for (const s of matching) own = fold(own, s.merged, t, metric);
    if (own !== undefined) {
      const last = window.recent[window.recent.length - 1];
      if (last !== undefined && last.t === t) foldInto(last.merged, own, t, metric);
      else window.recent.push({ t, merged: own });
      window.recent.sort((a, b) => a.t - b.t);
    }
    while (window.recent.length > 0 && (window.recent[0] as { t: number }).t <= t - window.seconds)
      window.recent.shift();
  }

  /**
   * The last window judged as evaluateWindowed judges its final one: every kept second
   * folded in time order, over the seconds from the first with samples to the last.
   */
  private judgeWindow(w: Watched, window: Window): Breach | undefined {
    const { recent } = window;
    const first = recent[0];
    const last = recent[recent.length - 1];
    if (first === undefined || last === undefined) return undefined;
    let merged: MergedMetric | undefined;
    for (const s of recent) merged = fold(merged, s.merged, s.t, w.threshold.selector.metric);
    const seconds = Math.max(1, window.seconds);
    const durationSec = Math.min(seconds, last.t - first.t + 1);
    const v = judge(merged, w.expression, durationSec, w.threshold.selector.source);
    if (v.ok || v.actual === null) return undefined;
    return {
      selector: w.threshold.selector.source,
      expression: w.expression.source,
      actual: v.actual,
      windowSec: window.seconds,
    };
  }
}

function fold(
  acc: MergedMetric | undefined,
  from: MergedMetric,
  t: number,
  metric: string,
): MergedMetric {
  const into = acc ?? emptyMerged(from.kind);
  foldInto(into, from, t, metric);
  return into;
}
