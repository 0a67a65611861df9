import { parseThresholds } from '../../scenarios/thresholds.js';
import type { Finding } from '../model/finding.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { SeriesIndex } from '../../core/series/series-index.js';
import { runDetectors } from './detectors/index.js';
import { loadNeverStarted } from './load-never-started.js';
import { flowErrorRows, type FlowErrorRow } from './flow-errors.js';
import { requestErrorRows, type RequestErrorRow } from './request-errors.js';
import { summarise, type Summary } from './summary.js';
import { analyseCorrelation, type CorrelationAnalysis } from './correlation/run-correlation.js';
import { evaluateThresholds, type ThresholdResult } from './thresholds/thresholds.js';
import { buildTimeline, type Timeline } from './timeline.js';
import { spikeRecovery, type SpikeRecovery } from './spike-recovery.js';

export interface RunAnalysis {
  summary: Summary;
  thresholds: ThresholdResult[];
  /** Every threshold passed (true when there are none). */
  passed: boolean;
  timeline: Timeline;
  /** Server series against client latency (best lag, GC vs spikes, latency vs concurrency). */
  correlation?: CorrelationAnalysis;
  /** Red flags from the detectors, in any order (renderers sort by severity); absent: none ran. */
  findings?: Finding[];
  /** The flow's exceptions by message, most frequent first. */
  flowErrors?: FlowErrorRow[];
  /** Failed requests by status and transport cause, most frequent first. */
  requestErrors?: RequestErrorRow[];
  /** A spike's baseline, peak and recovery time; absent when the run had no spike. */
  spikeRecovery?: SpikeRecovery;
}

/** Everything the reports need, from run data alone: no clock, no I/O. */
export function analyseRun(run: RunData): RunAnalysis {
  // One index of the client series: each histogram is decoded once for every merge below.
  const index = new SeriesIndex(run.client);
  const summary = summarise(run, index);
  const timeline = buildTimeline(run);
  // Stopped before any load: no threshold has a sample and no detector anything to read.
  if (loadNeverStarted(run)) {
    return { summary, thresholds: [], passed: false, timeline, findings: [] };
  }
  const thresholds = evaluateThresholds(run, parseThresholds(run.meta.scenario.thresholds), index);
  const spike = spikeRecovery(run, timeline);
  return {
    summary,
    thresholds,
    passed: thresholds.every((r) => r.ok),
    timeline,
    correlation: analyseCorrelation(timeline),
    findings: runDetectors({ run, summary, timeline }, run.meta.scenario.detectors),
    flowErrors: flowErrorRows(run, summary),
    requestErrors: requestErrorRows(run.client),
    ...(spike === undefined ? {} : { spikeRecovery: spike }),
  };
}
