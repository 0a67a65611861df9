/** loadrig reports: analysis of a run's data, and the renderers built on it. */
export { analyseRun } from './analysis/analyse.js';
export type { RunAnalysis } from './analysis/analyse.js';
export { summarise } from './analysis/summary.js';
export type { Summary, VuStats } from './analysis/summary.js';
export type {
  MetricStats,
  TrendStats,
  CounterStats,
  RateStats,
  GaugeStats,
} from './analysis/metric-stats.js';
export type { EndpointRow } from './analysis/endpoints.js';
export { evaluateThresholds } from './analysis/thresholds/thresholds.js';
export type { ThresholdResult } from './analysis/thresholds/thresholds.js';
export { buildTimeline } from './analysis/timeline.js';
export type { Timeline, ServerTimeline } from './analysis/timeline.js';
export {
  mergeMetric,
  mergeMetricBy,
  matchesTags,
  metricNames,
  trendPercentile,
} from '../core/series/merge.js';
export type {
  MergedMetric,
  MergedTrend,
  MergedCounter,
  MergedRate,
  MergedGauge,
} from '../core/series/merge.js';
export { runWindow } from './analysis/run-window.js';
export type { RunWindow } from './analysis/run-window.js';
export { verdictOf } from './analysis/verdict.js';
export type { Verdict } from './analysis/verdict.js';
export { renderHtml, REPORT_CSP } from './render/html.js';
export { renderConsoleSummary } from './render/console-summary.js';
export type { ConsoleSummaryOptions } from './render/console-summary.js';
export { toSummaryJson, SUMMARY_SCHEMA_VERSION } from './render/summary-json.js';
export type { SummaryJson } from './render/summary-json.js';
export { RUN_SCHEMA_VERSION } from '../core/run-dir/run-data.js';
export type * from '../core/run-dir/run-data.js';
