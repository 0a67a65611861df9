import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import { LoadrigError } from '../../../core/errors.js';
import type { Engine, EngineEvents, EnginePlan, EngineResult } from '../engine.js';
import { DeclaredThresholds } from './declared-thresholds.js';
import { executionSegments, segmentArgs } from './execution-segments.js';
import { findK6 } from './k6-binary.js';
import { K6JsonParser } from './k6-json.js';
import { runK6Process } from './k6-process.js';
import { K6SampleSink } from './k6-sample-sink.js';
import { bundleK6Script } from './k6-script.js';
import { makeTempDir, removeTempDir } from '../../temp/temp-dirs.js';
import { k6SummaryThresholds, k6ThresholdVerdicts, type K6SummaryExport } from './k6-summary.js';

/** k6's exit code when thresholds failed: a verdict, not a failure to run. */
const K6_THRESHOLDS_FAILED = 99;

/**
 * Runs the scenario on k6: bundles the typed scenario into a script, spawns k6 (one process per
 * execution segment) with `--out json` streamed into the sink second by second (each second as
 * k6 stamped it), and reads k6's own threshold verdicts from `--summary-export`.
 */
export class K6Engine implements Engine {
  readonly timestampedBuckets = true;

  constructor(private readonly binary: () => string = findK6) {}

  async run(
    plan: EnginePlan,
    sink: MetricSink,
    interrupt: AbortSignal,
    _events: EngineEvents = {},
  ): Promise<EngineResult> {
    const k6 = this.binary();
    if (!plan.source) {
      throw new LoadrigError(
        'E_K6_SCRIPT',
        'the k6 engine needs the scenario file to bundle',
        'run a scenario file with loadrig run <file> --engine k6',
      );
    }
    const dir = makeTempDir('k6');
    try {
      return await this.#runIn(dir, k6, { ...plan, source: plan.source }, sink, interrupt);
    } finally {
      await removeTempDir(dir);
    }
  }

  async #runIn(
    dir: string,
    k6: string,
    plan: EnginePlan & { source: NonNullable<EnginePlan['source']> },
    sink: MetricSink,
    interrupt: AbortSignal,
  ): Promise<EngineResult> {
    // A plain k6 script runs as it is; a typed scenario is bundled into one.
    let script = plan.source.scenario.k6Script;
    if (script === undefined) {
      script = join(dir, 'script.js');
      const scenario = {
        ...plan.source.scenario,
        profile: plan.profile,
        gracefulStopMs: plan.gracefulStopMs,
      };
      writeFileSync(script, await bundleK6Script(plan.source.scenarioFile, scenario));
    }
    const declared = new DeclaredThresholds();
    const segments =
      (plan.segments ?? 1) > 1 ? executionSegments(plan.segments as number) : [undefined];
    const samples = new K6SampleSink(sink);
    const env = { ...stringEnv(process.env), ...stringEnv(plan.env) };

    const exits = await Promise.all(
      segments.map((segment, i) => {
        const out = join(dir, `out-${i}.ndjson`);
        const args = [
          'run',
          '--no-usage-report',
          '--quiet',
          // loadrig does not use k6's REST API: an empty address turns it off, so no process
          // (nor a busy port 6565) can stop a run over it.
          '--address=',
          ...segmentArgs(segment),
          '--out',
          `json=${out}`,
          '--summary-export',
          join(dir, `summary-${i}.json`),
          '-e',
          `BASE_URL=${plan.baseUrl}`,
          script,
        ];
        const parser = new K6JsonParser();
        return runK6Process(k6, args, out, env, interrupt, (lines) => {
          for (const line of lines) {
            const sample = parser.parseLine(line);
            if (sample) samples.add(sample, String(i));
          }
          samples.release();
        }).finally(() => declared.addAll(parser.thresholds()));
      }),
    );
    samples.finish();
    for (const exit of exits) {
      if (exit.error) {
        throw new LoadrigError(
          'E_K6_FAILED',
          `k6 (${k6}) could not be started: ${exit.error.message}`,
          'check K6_BINARY or the k6 on PATH',
        );
      }
      if (exit.code !== 0 && exit.code !== K6_THRESHOLDS_FAILED && !interrupt.aborted) {
        throw new LoadrigError(
          'E_K6_FAILED',
          `k6 exited with code ${exit.code}:\n${exit.stderrTail.trim()}`,
          plan.source.scenario.k6Script === undefined
            ? `loadrig export k6 ${plan.source.scenarioFile} writes the script k6 was given`
            : `the script: ${script}`,
        );
      }
    }
    const summaries = segments
      .map((_, i) => join(dir, `summary-${i}.json`))
      .filter((f) => existsSync(f))
      .map((f) => JSON.parse(readFileSync(f, 'utf8')) as K6SummaryExport);
    // Only the summary lists thresholds on tagged metrics (the JSON output has base metrics only).
    for (const summary of summaries) declared.addAll(k6SummaryThresholds(summary));
    // With segments, each process judged only its share: k6's verdict is then per process.
    const k6Thresholds =
      segments.length === 1 && summaries[0] ? k6ThresholdVerdicts(summaries[0]) : [];
    return { ...samples.result(), k6Thresholds, k6DeclaredThresholds: declared.toRecord() };
  }
}

function stringEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
