import { UsageError } from '../../../core/errors.js';
import type { RunData } from '../../../core/run-dir/run-data.js';
import { identityDraws } from './block-bootstrap.js';
import { blockLength } from './block-length.js';
import { bootstrapDifferences } from './bootstrap-differences.js';
import type { CompareMethod, CompareSettings, Comparison, MetricComparison } from './comparison.js';
import { coarsenSeconds } from './coarsen-seconds.js';
import { compareWarnings } from './compare-warnings.js';
import { holmAdjust } from './holm.js';
import { LatencyGrid } from './latency-grid.js';
import { smallestAttainableP } from './mann-whitney.js';
import { metricPlan } from './metric-defs.js';
import { metricRow, MIN_SIDE_SECONDS } from './metric-row.js';
import { metricVerdict, overallVerdict } from './metric-verdict.js';
import { methodNotes, sideSummary } from './side-summary.js';
import { runSeconds, type RunSeconds } from './run-seconds.js';
import { commonSources } from './server-sources.js';
import { SideEvaluator } from './side-evaluator.js';

/** Resampling units per run: a longer run is coarsened to units of several seconds. */
const MAX_UNITS = 600;

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = {
  alpha: 0.05,
  minEffect: 0.05,
  resamples: 2000,
  seed: 1,
};

/**
 * Compares two sides of one or more runs each, metric by metric, over their steady seconds.
 * Pure and deterministic: the same runs and settings give the same figures (the bootstrap is
 * seeded). Callers refuse incompatible runs first (runDifferences); what was compared anyway
 * is listed in the warnings.
 */
export function compareRuns(
  base: readonly RunData[],
  candidate: readonly RunData[],
  settings: CompareSettings = DEFAULT_COMPARE_SETTINGS,
): Comparison {
  const sources = commonSources([...base, ...candidate].map((r) => r.meta));
  const baseSeconds = base.map((r) => coarsenSeconds(runSeconds(r, sources), MAX_UNITS));
  const candidateSeconds = candidate.map((r) => coarsenSeconds(runSeconds(r, sources), MAX_UNITS));
  requireSeconds(baseSeconds, 'base');
  requireSeconds(candidateSeconds, 'candidate');
  const grid = new LatencyGrid(
    [...baseSeconds, ...candidateSeconds].flatMap((r) => [
      ...r.all.latency,
      ...[...r.endpoints.values()].flatMap((e) => e.latency),
    ]),
  );
  const plan = metricPlan(baseSeconds, candidateSeconds, sources);
  const baseEval = new SideEvaluator(baseSeconds, plan.metrics, grid);
  const candidateEval = new SideEvaluator(candidateSeconds, plan.metrics, grid);
  const baseLengths = baseSeconds.map((r) => r.t.length);
  const candidateLengths = candidateSeconds.map((r) => r.t.length);
  const perRun = (evaluator: SideEvaluator, lengths: number[]) =>
    lengths.map((_, i) => evaluator.evaluate(identityDraws(lengths).filter((d) => d.run === i)));
  const baseRuns = perRun(baseEval, baseLengths);
  const candidateRuns = perRun(candidateEval, candidateLengths);
  const basePooled = baseEval.evaluate(identityDraws(baseLengths));
  const candidatePooled = candidateEval.evaluate(identityDraws(candidateLengths));
  const block = Math.max(
    1,
    ...[...baseSeconds, ...candidateSeconds].flatMap((r) => [
      blockLength(perSecondMedians(r, grid)),
      blockLength(r.all.requests),
    ]),
  );
  // Runs coarsened to units of k seconds resample blocks of k·b seconds.
  const unitSec = Math.max(1, ...[...baseSeconds, ...candidateSeconds].map((r) => r.span[0] ?? 1));
  const judgeable = plan.metrics.filter((m, i) => {
    const finite = Number.isFinite(basePooled[i]!) && Number.isFinite(candidatePooled[i]!);
    return finite;
  });
  const method = chooseMethod(base.length, candidate.length, settings.alpha, judgeable.length);
  const resamples = enoughResamples(settings, judgeable.length);
  const boot =
    method === 'bootstrap'
      ? bootstrapDifferences({
          base: baseEval,
          candidate: candidateEval,
          baseLengths,
          candidateLengths,
          metricCount: plan.metrics.length,
          blockLength: block,
          resamples,
          seed: settings.seed,
          alpha: settings.alpha,
        })
      : undefined;
  const sideSeconds = (runs: readonly RunSeconds[]) =>
    runs.reduce((acc, r) => acc + r.span.reduce((a, b) => a + b, 0), 0);
  const enoughSeconds =
    sideSeconds(baseSeconds) >= MIN_SIDE_SECONDS &&
    sideSeconds(candidateSeconds) >= MIN_SIDE_SECONDS;
  const rows = plan.metrics.map((def, i) =>
    metricRow(def, {
      method,
      settings,
      baseRuns: baseRuns.map((v) => v[i]!),
      candidateRuns: candidateRuns.map((v) => v[i]!),
      basePooled: basePooled[i]!,
      candidatePooled: candidatePooled[i]!,
      boot: boot?.[i],
      enoughSeconds,
    }),
  );
  const adjusted = holmAdjust(rows.map((r) => (r.judged ? r.p : NaN)));
  const metrics: MetricComparison[] = rows.map((r, i) => {
    const pAdjusted = r.judged ? adjusted[i]! : NaN;
    return { ...r, pAdjusted, verdict: metricVerdict({ ...r, pAdjusted, alpha: settings.alpha }) };
  });
  const judgedCount = metrics.filter((m) => m.judged).length;
  return {
    verdict: overallVerdict(metrics.filter((m) => m.judged).map((m) => m.verdict)),
    method,
    settings: { ...settings, resamples },
    blockLengthSec: block * unitSec,
    base: sideSummary(base, baseSeconds),
    candidate: sideSummary(candidate, candidateSeconds),
    metrics,
    onlyIn: plan.onlyIn,
    warnings: compareWarnings(base, candidate, baseSeconds, candidateSeconds, sources, plan.onlyIn),
    methodNotes: methodNotes(
      method,
      base.length,
      candidate.length,
      block * unitSec,
      { ...settings, resamples },
      judgedCount,
    ),
  };
}

/**
 * The rank test decides when it can: when its smallest attainable p-value clears Holm's first
 * step (alpha / number of metrics). Below that (3 + 3 rounds: 0.1) no result of it could
 * ever be significant, so the bootstrap, which also uses the seconds inside each run, decides.
 */
export function chooseMethod(
  nBase: number,
  nCandidate: number,
  alpha: number,
  metricCount: number,
): CompareMethod {
  if (nBase < 2 || nCandidate < 2) return 'bootstrap';
  return smallestAttainableP(nBase, nCandidate) <= alpha / Math.max(1, metricCount)
    ? 'rank'
    : 'bootstrap';
}

/**
 * A bootstrap p-value is never below 2 / (resamples + 1): with m metrics, Holm's first step
 * needs alpha / m, so the count is raised until that floor sits at half of it.
 */
export function enoughResamples(settings: CompareSettings, metricCount: number): number {
  return Math.max(settings.resamples, Math.ceil((4 * metricCount) / settings.alpha));
}

function perSecondMedians(run: RunSeconds, grid: LatencyGrid): number[] {
  return run.all.latency.map((s) => {
    const g = grid.grid(s);
    return g ? grid.figures((visit) => visit(g)).p50 : NaN;
  });
}

function requireSeconds(runs: readonly RunSeconds[], side: string): void {
  const empty = runs.filter((r) => r.t.length === 0).map((r) => r.id);
  if (empty.length > 0) {
    throw new UsageError(
      `${side} run ${empty.join(', ')} has no client data to compare (no second with load)`,
      'compare runs that recorded traffic; a run that failed before its load has nothing to compare',
    );
  }
}
