import { hostname } from 'node:os';
import type { Ms } from '../../core/duration.js';
import { plannedPhases, loadModelOf, runPhases } from '../../core/run-dir/phases.js';
import { profileExecutors } from '../../core/run-dir/profile-executors.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { profileDurationMs, withDuration } from '../../scenarios/schedule.js';
import { resolveTarget } from '../../targets/registry.js';
import type { FailOn } from '../../reports/analysis/verdict.js';
import type { ReportFormatName } from '../../reports/render/report-formats.js';
import { RUN_SCHEMA_VERSION, type RunMeta } from '../../core/run-dir/run-data.js';
import { createCollectors } from '../collectors/index.js';
import { engineFor } from '../engines/index.js';
import { LoadrigError, RunWriteError, TargetError } from '../../core/errors.js';
import { gitInfo } from '../meta/git-info.js';
import { hostInfo } from '../meta/host-info.js';
import { loadrigVersion } from '../meta/version.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import { providerFor } from '../providers/index.js';
import { preflight } from '../providers/preflight.js';
import type { RunningTarget } from '../providers/provider.js';
import { runFile } from '../../core/run-dir/run-files.js';
import { RunStore } from '../store/run-store.js';
import type { OutputSpec } from '../sinks/index.js';
import { RunOutputs } from '../sinks/run-outputs.js';
import { finishOutputs } from '../sinks/finish-outputs.js';
import { driveLoad } from './drive-load.js';
import { writeFailureReport } from './failure-report.js';
import { finishRun, type RunOutcome } from './finish-run.js';
import { ServerSampler } from './server-sampler.js';

export interface RunOptions {
  scenario: Scenario;
  scenarioFile?: string;
  /** `--segments`: engine processes, each an equal execution segment (k6). */
  segments?: number;
  /** `--target`: a bundled target name or a URL, replacing the scenario's own. */
  target?: string;
  outDir: string;
  /** `--duration`: stretches or shrinks the profile to this length. */
  durationMs?: Ms;
  engine?: string;
  /** Findings at or above this severity fail the run; thresholds always do. */
  failOn?: FailOn;
  interrupt: AbortSignal;
  progress: ProgressListener;
  /** Where git info is read from (the user's project). */
  cwd: string;
  /** `--out name=target`: where each second is streamed besides the run directory. */
  outputs?: readonly OutputSpec[];
  /**
   * A target the caller started and will stop (a stepped measurement keeps one target up across
   * its step runs); the run neither provisions nor stops it.
   */
  runningTarget?: RunningTarget;
  /** Ends the load early as planned (not an interruption): the run ends `passed`, phases cut there. */
  endLoad?: AbortSignal;
  /**
   * Formats besides report.html and summary.json for the short report a run that fails
   * (before or during load) leaves behind; a run that finishes gets them from its caller.
   */
  failureFormats?: readonly ReportFormatName[];
}

/** provision → warm-up → load → drain → teardown → analyse → report. */
export async function runScenario(opts: RunOptions): Promise<RunOutcome> {
  const { scenario, progress } = opts;
  const engineName = opts.engine ?? 'builtin';
  const engine = engineFor(engineName);
  const spec = resolveTarget(opts.target ?? scenario.target);
  const profile =
    opts.durationMs === undefined
      ? scenario.profile
      : withDuration(scenario.profile, opts.durationMs);
  const git = gitInfo(opts.cwd);
  const executors = profileExecutors(profile, scenario.gracefulStopMs);
  const created = RunStore.create(opts.outDir, {
    schemaVersion: RUN_SCHEMA_VERSION,
    status: 'running',
    startedAt: new Date().toISOString(),
    scenario: {
      name: scenario.name,
      ...(opts.scenarioFile !== undefined ? { file: opts.scenarioFile } : {}),
      profile,
      loadModel: loadModelOf(executors),
      executors,
      thresholds: scenario.thresholdsSource,
      ...(Object.keys(scenario.detectors).length > 0 ? { detectors: scenario.detectors } : {}),
      durationMs: profileDurationMs(profile),
    },
    target: {
      name: spec.name,
      provider: spec.kind,
      baseUrl: spec.kind === 'external' ? spec.baseUrl : '',
    },
    phases: [],
    engine: engineName,
    runner: { pid: process.pid, hostname: hostname() },
    ...(opts.failOn !== undefined ? { failOn: opts.failOn } : {}),
    loadrig: loadrigVersion(),
    node: process.version,
    ...(git ? { git } : {}),
    host: hostInfo(),
    serverSeries: [],
  });
  const { store } = created;
  let meta: RunMeta = created.meta;
  const outputs = new RunOutputs(opts.outputs ?? [], meta.id, (m) => progress.warn?.(m));
  let target: RunningTarget | undefined;
  let sampler: ServerSampler | undefined;
  try {
    progress.phase?.('provision', `${spec.name} (${spec.kind})`);
    const running =
      opts.runningTarget ??
      (await providerFor(spec).start(spec, {
        logFile: runFile(store.dir, 'targetLog'),
        signal: opts.interrupt,
      }));
    if (!opts.runningTarget) target = running;
    // A target someone else runs, with no health check to prove it answers: one request first.
    if (spec.kind === 'external' && spec.health === undefined) {
      progress.phase?.('pre-flight', `GET ${running.baseUrl}`);
      await preflight({
        name: spec.name,
        baseUrl: running.baseUrl,
        insecureSkipTlsVerify: scenario.insecureSkipTLSVerify,
        signal: opts.interrupt,
      });
    }
    sampler = new ServerSampler(await createCollectors(running.metricSources));
    meta = {
      ...meta,
      target: {
        ...meta.target,
        baseUrl: running.baseUrl,
        ...(running.command ? { command: running.command } : {}),
        ...running.details,
        ...processPid(running),
      },
      serverSeries: sampler.series,
    };
    store.writeMeta(meta);
    const load = await driveLoad({
      engine,
      scenario,
      ...(opts.scenarioFile !== undefined ? { scenarioFile: opts.scenarioFile } : {}),
      ...(opts.segments !== undefined ? { segments: opts.segments } : {}),
      profile,
      target: running,
      sampler,
      store,
      interrupt: opts.endLoad ? AbortSignal.any([opts.interrupt, opts.endLoad]) : opts.interrupt,
      progress,
      ...(outputs.active ? { onSecond: outputs.second } : {}),
      onLoadStart: (loadStartMs) => {
        // Planned phases now, so a run whose process dies still says what it was doing.
        meta = { ...meta, phases: plannedPhases(executors, loadStartMs), phasesSource: 'recorded' };
        store.writeMeta(meta);
      },
    });
    meta = { ...meta, phases: runPhases({ executors, ...load.timing }) };
    progress.phase?.('teardown');
    await target?.stop();
    // Some series (Prometheus metrics) are only known after the first scrape.
    meta = { ...meta, serverSeries: sampler.series };
    if (load.targetExit) {
      const { code, signal } = load.targetExit;
      const message = `target "${spec.name}" exited during the run (exit code ${code ?? '-'}, signal ${signal ?? '-'}); what was recorded until then is kept`;
      progress.warn?.(`${message}; see ${runFile(store.dir, 'targetLog')}`);
      return await finishOutputs(
        outputs,
        store,
        finishRun(
          store,
          { ...meta, status: 'error', error: { code: 'E_TARGET_EXITED', message } },
          load.result,
          progress,
        ),
      );
    }
    const status = opts.interrupt.aborted ? 'interrupted' : 'passed';
    return await finishOutputs(
      outputs,
      store,
      finishRun(store, { ...meta, status }, load.result, progress),
    );
  } catch (e) {
    const err =
      e instanceof LoadrigError
        ? e
        : new LoadrigError('E_INTERNAL', (e as Error).message ?? String(e), undefined, {
            cause: e,
          });
    const failed: RunMeta = {
      ...meta,
      status: opts.interrupt.aborted ? 'interrupted' : 'error',
      endedAt: new Date().toISOString(),
      error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) },
    };
    try {
      store.writeMeta(failed);
    } catch (writeError) {
      // The run directory cannot take even run.json (disk full): the run.json already there
      // stays whole, and the next report finds the run's process gone and marks it aborted.
      if (!(writeError instanceof RunWriteError)) throw writeError;
      if (!(err instanceof RunWriteError)) throw writeError;
    }
    if (opts.interrupt.aborted && !(e instanceof TargetError) && !(e instanceof RunWriteError)) {
      return await finishOutputs(
        outputs,
        store,
        finishRun(store, { ...meta, status: 'interrupted' }, undefined, progress),
      );
    }
    // A full disk takes no report either: what was recorded stays as it is, readable.
    const report =
      err instanceof RunWriteError
        ? undefined
        : writeFailureReport(store, failed, opts.failureFormats ?? [], progress);
    if (report) progress.phase?.('report', report);
    throw err;
  } finally {
    await outputs.close(0);
    await sampler?.close();
    await target?.stop();
    store.close();
  }
}

function processPid(target: RunningTarget): { pid?: number } {
  const source = target.metricSources.find((s) => s.kind === 'process');
  return source ? { pid: source.pid } : {};
}
