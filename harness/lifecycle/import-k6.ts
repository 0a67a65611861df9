import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { RUN_SCHEMA_VERSION } from '../../core/run-dir/run-data.js';
import { DeclaredThresholds } from '../engines/k6/declared-thresholds.js';
import { K6JsonParser } from '../engines/k6/k6-json.js';
import { k6SummaryThresholds, type K6SummaryExport } from '../engines/k6/k6-summary.js';
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
  /** k6's `--summary-export` files: the only place k6 writes thresholds on tagged metrics. */
  summaryExports?: string[];
  progress?: ProgressListener;
}

/** k6 gzips `--out json=FILE.gz`; the file's first two bytes tell, whatever its name. */
function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function lines(file: string): { input: Readable; gzip: boolean } {
  const raw = createReadStream(file);
  if (!isGzip(file)) return { input: raw, gzip: false };
  return { input: raw.pipe(createGunzip()), gzip: true };
}

function readSummary(file: string): K6SummaryExport {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as K6SummaryExport;
  } catch (e) {
    throw new LoadrigError(
      'E_IMPORT',
      `cannot read k6 summary export ${file}: ${(e as Error).message}`,
      'pass the file k6 wrote with --summary-export=FILE',
    );
  }
}

/**
 * Builds a run directory from k6 `--out json` files (plain or gzipped), from any number of k6
 * processes (execution segments, k6-operator runners): their samples merge on one grid,
 * histograms exactly. Thresholds come from the files and from k6's summary exports.
 */
export async function importK6(files: string[], opts: ImportOptions): Promise<RunOutcome> {
  const summaries = opts.summaryExports ?? [];
  const missing = [...files, ...summaries].filter((f) => !existsSync(f));
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
  const declared = new DeclaredThresholds();
  const tagged = new Set<string>();
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let samples = 0;
  let malformed = 0;
  for (const [i, file] of files.entries()) {
    const parser = new K6JsonParser();
    const { input, gzip } = lines(file);
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        const sample = parser.parseLine(line);
        if (!sample) continue;
        samples++;
        firstMs = Math.min(firstMs, sample.timeMs);
        lastMs = Math.max(lastMs, sample.timeMs);
        buckets.add(sample, String(i));
      }
    } catch (e) {
      // A gzip file cut short (k6 killed): keep what was read.
      if (!gzip) throw e;
      opts.progress?.warn?.(`${file} ends early (${(e as Error).message}); read what it held`);
    }
    malformed += parser.malformedLines;
    declared.addAll(parser.thresholds());
    for (const name of parser.taggedThresholdMetrics()) tagged.add(name);
  }
  if (samples === 0) {
    throw new LoadrigError(
      'E_IMPORT',
      `no k6 samples in ${files.join(', ')} (${malformed} malformed lines)`,
      'check that these files come from k6 run --out json=FILE',
    );
  }
  if (malformed > 0) opts.progress?.warn?.(`${malformed} malformed line(s) skipped`);
  for (const file of summaries) declared.addAll(k6SummaryThresholds(readSummary(file)));
  const unjudged = [...tagged].filter((name) => !(name in declared.toRecord()));
  if (unjudged.length > 0) {
    opts.progress?.warn?.(
      `k6's JSON output names thresholds on ${unjudged.join(', ')} but, as k6 writes it, not their expressions: pass the run's --summary-export file with --summary to judge them`,
    );
  }
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
      thresholds: declared.toRecord(),
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
