import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { RUN_SCHEMA_VERSION } from '../../core/run-dir/run-data.js';
import { K6JsonParser } from '../engines/k6/k6-json.js';
import { TimedBuckets } from '../engines/k6/timed-buckets.js';
import { LoadrigError } from '../../core/errors.js';
import { hostInfo } from '../meta/host-info.js';
import { loadrigVersion } from '../meta/version.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import { RunStore } from '../store/run-store.js';
import { finishRun, type RunOutcome } from './finish-run.js';

export interface ImportOptions {
  outDir: string;
  name?: string;
  progress?: ProgressListener;
}

/**
 * Builds a run directory from k6 `--out json` files, from any number of k6 processes (execution
 * segments, k6-operator runners): their samples merge on one grid, histograms exactly.
 */
export async function importK6(files: string[], opts: ImportOptions): Promise<RunOutcome> {
  const missing = files.filter((f) => !existsSync(f));
  if (files.length === 0 || missing.length > 0) {
    throw new LoadrigError(
      'E_IMPORT',
      files.length === 0
        ? 'no k6 output file given'
        : `k6 output file not found: ${missing.join(', ')}`,
      'pass the files k6 wrote with --out json=FILE',
    );
  }
  const buckets = new TimedBuckets();
  const thresholds: Record<string, Set<string>> = {};
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let samples = 0;
  let malformed = 0;
  for (const [i, file] of files.entries()) {
    const parser = new K6JsonParser();
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      const sample = parser.parseLine(line);
      if (!sample) continue;
      samples++;
      firstMs = Math.min(firstMs, sample.timeMs);
      lastMs = Math.max(lastMs, sample.timeMs);
      buckets.add(sample, String(i));
    }
    malformed += parser.malformedLines;
    for (const [metric, list] of Object.entries(parser.thresholds())) {
      for (const t of list) (thresholds[metric] ??= new Set()).add(t);
    }
  }
  if (samples === 0) {
    throw new LoadrigError(
      'E_IMPORT',
      `no k6 samples in ${files.join(', ')} (${malformed} malformed lines)`,
      'check that these files come from k6 run --out json=FILE',
    );
  }
  if (malformed > 0) opts.progress?.warn?.(`${malformed} malformed line(s) skipped`);
  const name = opts.name ?? basename(files[0] as string).replace(/\.(ndjson|json)(\.gz)?$/, '');
  const { store, meta } = RunStore.create(opts.outDir, {
    schemaVersion: RUN_SCHEMA_VERSION,
    status: 'passed',
    startedAt: new Date(firstMs).toISOString(),
    endedAt: new Date(lastMs).toISOString(),
    scenario: {
      name,
      file: files.join(', '),
      profile: { kind: 'k6-import', files: files.length },
      // k6's JSON output does not carry its options: the executors and phases are not known.
      loadModel: 'unknown',
      executors: {},
      thresholds: Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, [...v]])),
      durationMs: lastMs - firstMs,
    },
    target: { name: 'k6 import', provider: 'external', baseUrl: '' },
    phases: [],
    engine: 'k6',
    loadrig: loadrigVersion(),
    node: process.version,
    host: hostInfo(),
    serverSeries: [],
  });
  try {
    for (const bucket of buckets.drain()) store.appendClient(bucket);
    return finishRun(store, meta, undefined, opts.progress ?? {});
  } finally {
    store.close();
  }
}
