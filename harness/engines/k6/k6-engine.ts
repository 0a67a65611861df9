import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import { LoadrigError } from '../../errors.js';
import type { Engine, EngineEvents, EnginePlan, EngineResult } from '../engine.js';
import { FileTailer } from './file-tailer.js';
import { findK6 } from './k6-binary.js';
import { K6JsonParser, type K6Sample } from './k6-json.js';
import { bundleK6Script } from './k6-script.js';
import { k6ThresholdVerdicts, type K6SummaryExport } from './k6-summary.js';
import { K6SampleSink } from './k6-sample-sink.js';

const POLL_MS = 200;
/** k6's exit code when thresholds failed: a verdict, not a failure to run. */
const K6_THRESHOLDS_FAILED = 99;

/**
 * Runs the scenario on k6: bundles the typed scenario into a script, spawns k6 with
 * `--out json` streamed into the same sink the built-in engine fills, and reads k6's own
 * threshold verdicts from `--summary-export`.
 */
export class K6Engine implements Engine {
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
    const dir = mkdtempSync(join(tmpdir(), 'loadrig-k6-'));
    const script = join(dir, 'script.js');
    writeFileSync(
      script,
      await bundleK6Script(plan.source.scenarioFile, {
        ...plan.source.scenario,
        profile: plan.profile,
        gracefulStopMs: plan.gracefulStopMs,
      }),
    );
    const out = join(dir, 'out.ndjson');
    const summaryFile = join(dir, 'summary.json');
    const args = [
      'run',
      '--no-usage-report',
      '--quiet',
      '--address',
      '',
      '--out',
      `json=${out}`,
      '--summary-export',
      summaryFile,
      '-e',
      `BASE_URL=${plan.baseUrl}`,
      script,
    ];
    const child = spawn(k6, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...stringEnv(plan.env) },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const onInterrupt = (): void => void child.kill('SIGINT');
    interrupt.addEventListener('abort', onInterrupt, { once: true });

    const tailer = new FileTailer(out);
    const parser = new K6JsonParser();
    const samples = new K6SampleSink(sink);
    const feed = (lines: string[]): void => {
      for (const line of lines) {
        const sample: K6Sample | undefined = parser.parseLine(line);
        if (sample) samples.add(sample);
      }
    };
    const poll = setInterval(() => feed(tailer.read()), POLL_MS);
    const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.on('error', (error) => resolve({ code: null, error }));
      child.on('close', (code) => resolve({ code }));
    });
    clearInterval(poll);
    interrupt.removeEventListener('abort', onInterrupt);
    feed(tailer.finish());
    sink.vus(0);

    if (exit.error)
      throw new LoadrigError(
        'E_K6_FAILED',
        `k6 (${k6}) could not be started: ${exit.error.message}`,
        'check K6_BINARY or the k6 on PATH',
      );
    if (exit.code !== 0 && exit.code !== K6_THRESHOLDS_FAILED && !interrupt.aborted) {
      throw new LoadrigError(
        'E_K6_FAILED',
        `k6 exited with code ${exit.code}:\n${stderr.trim()}`,
        `the generated script is kept at ${script}`,
      );
    }
    const k6Thresholds = existsSync(summaryFile)
      ? k6ThresholdVerdicts(JSON.parse(readFileSync(summaryFile, 'utf8')) as K6SummaryExport)
      : [];
    return { ...samples.result(), k6Thresholds };
  }
}

function stringEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}
