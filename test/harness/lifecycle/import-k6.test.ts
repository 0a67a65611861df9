import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../../core/errors.js';
import { importK6 } from '../../../harness/lifecycle/import-k6.js';
import { decodeHistogram } from '../../../core/hdr/histogram.js';
import type { ClientBucket, TrendSeries } from '../../../core/run-dir/run-data.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fixture = join(import.meta.dirname, '../../fixtures/k6/json-output.ndjson');
const temp = (): string => tempDir('loadrig-import-');

/** A recorded k6 stream: Metric records, then points over 5 s with a deterministic spread. */
function recordedStream(points: number): string[] {
  const lines = [
    '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<40"],"submetrics":null},"metric":"http_req_duration"}',
    '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
  ];
  const t0 = Date.parse('2026-11-23T07:00:00Z');
  for (let i = 0; i < points; i++) {
    const time = new Date(t0 + Math.floor((i * 5000) / points)).toISOString();
    const value = 5 + ((i * 7919) % 5000) / 100;
    const tags = {
      name: i % 3 === 0 ? 'login' : 'home',
      method: 'GET',
      status: '200',
      scenario: 'default',
    };
    lines.push(
      JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time, value, tags } }),
    );
    lines.push(
      JSON.stringify({ metric: 'http_reqs', type: 'Point', data: { time, value: 1, tags } }),
    );
  }
  return lines;
}

function buckets(dir: string): ClientBucket[] {
  return readFileSync(join(dir, 'client.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ClientBucket);
}

describe('loadrig import (k6 JSON output → run directory)', () => {
  it('turns real k6 output into a run with its thresholds and report', async () => {
    const outcome = await importK6([fixture], { outDir: temp() });
    expect(outcome.run.meta.engine).toBe('k6');
    expect(outcome.run.meta.scenario.thresholds).toEqual({ http_req_duration: ['p(95)<500'] });
    expect(outcome.analysis.thresholds).toHaveLength(1);
    expect(outcome.analysis.thresholds[0]?.ok).toBe(true);
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync(outcome.reportPath, 'utf8')).toContain('json-output');
  });

  it('merges N segment files to exactly the histogram of the whole stream', async () => {
    const stream = recordedStream(3000);
    const [header, points] = [stream.slice(0, 2), stream.slice(2)];
    const dir = temp();
    const whole = join(dir, 'whole.ndjson');
    writeFileSync(whole, stream.join('\n'));
    const segmentFiles = [0, 1, 2].map((n) => {
      const file = join(dir, `segment-${n}.ndjson`);
      // Each k6 process writes its own Metric records and every third pair of points.
      const mine = points.filter((_, i) => Math.floor(i / 2) % 3 === n);
      writeFileSync(file, [...header, ...mine].join('\n'));
      return file;
    });
    const a = await importK6([whole], { outDir: temp() });
    const b = await importK6(segmentFiles, { outDir: temp() });
    const da = a.analysis.summary.metrics['http_req_duration'];
    const db = b.analysis.summary.metrics['http_req_duration'];
    expect(db).toEqual(da);
    expect(da?.kind === 'trend' && da.count).toBe(3000);
    const [ba, bb] = [buckets(a.dir), buckets(b.dir)];
    expect(bb.map((x) => x.t)).toEqual(ba.map((x) => x.t));
    for (const [i, bucket] of ba.entries()) {
      const byName = (x: ClientBucket) =>
        new Map(
          (x.metrics['http_req_duration'] as TrendSeries[]).map((s) => [
            s.tags['name'],
            decodeHistogram(s.hist),
          ]),
        );
      const [ha, hb] = [byName(bucket), byName(bb[i] as ClientBucket)];
      for (const [name, h] of ha) {
        const other = hb.get(name);
        expect(other?.totalCount).toBe(h.totalCount);
        for (const p of [50, 90, 99, 99.9, 100])
          expect(other?.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
      }
    }
    expect(b.analysis.thresholds.map((t) => t.ok)).toEqual(a.analysis.thresholds.map((t) => t.ok));
  });

  it('reads a gzipped file as k6 writes it for --out json=FILE.gz, and keeps what a cut one held', async () => {
    const dir = temp();
    const text = readFileSync(fixture);
    const gz = join(dir, 'out.json.gz');
    writeFileSync(gz, gzipSync(text));
    const outcome = await importK6([gz], { outDir: temp() });
    expect(outcome.run.meta.scenario.name).toBe('out');
    expect(outcome.analysis.summary.metrics['http_reqs']).toMatchObject({ count: 2 });
    // Named .ndjson, gzipped all the same: the bytes decide, not the name.
    const cut = join(dir, 'cut.ndjson');
    const whole = gzipSync(Buffer.concat([text, text]));
    writeFileSync(cut, whole.subarray(0, whole.length - 20));
    const warnings: string[] = [];
    const partial = await importK6([cut], {
      outDir: temp(),
      progress: { warn: (m) => warnings.push(m) },
    });
    expect(partial.analysis.summary.metrics['http_reqs']).toMatchObject({
      count: expect.any(Number),
    });
    expect(warnings.join('\n')).toMatch(/cut\.ndjson ends early/);
  });

  it('judges tagged thresholds from the summary export, and says so when it is missing', async () => {
    const dir = temp();
    const file = join(dir, 'tagged.ndjson');
    const metric = {
      type: 'Metric',
      metric: 'http_req_duration',
      data: {
        name: 'http_req_duration',
        type: 'trend',
        contains: 'time',
        thresholds: [{ threshold: 'p(95)<40', abortOnFail: true, delayAbortEval: '1s' }],
        submetrics: [
          { name: 'http_req_duration{name:login}', suffix: 'name:login', tags: { name: 'login' } },
        ],
      },
    };
    writeFileSync(file, [JSON.stringify(metric), ...recordedStream(300).slice(2)].join('\n'));
    const summary = join(dir, 'summary.json');
    writeFileSync(
      summary,
      JSON.stringify({
        metrics: { 'http_req_duration{name:login}': { thresholds: { 'p(99)<10': true } } },
      }),
    );
    const warnings: string[] = [];
    const without = await importK6([file], {
      outDir: temp(),
      progress: { warn: (m) => warnings.push(m) },
    });
    expect(warnings.join('\n')).toMatch(
      /names thresholds on http_req_duration\{name:login\} .*--summary/,
    );
    expect(without.run.meta.scenario.thresholds).toEqual({
      http_req_duration: [{ threshold: 'p(95)<40', abortOnFail: true, delayAbortEval: '1s' }],
    });
    const withSummary = await importK6([file], { outDir: temp(), summaryExports: [summary] });
    expect(withSummary.run.meta.scenario.thresholds['http_req_duration{name:login}']).toEqual([
      'p(99)<10',
    ]);
    // The tagged threshold fails over the data (the login p99 is far above 10 ms): exit 1.
    expect(withSummary.analysis.thresholds.find((t) => t.selector.includes('login'))?.ok).toBe(
      false,
    );
    expect(withSummary.exitCode).toBe(1);
  });

  it('refuses missing files and files without samples, naming them', async () => {
    await expect(importK6(['/nonexistent.ndjson'], { outDir: temp() })).rejects.toThrow(
      /not found: \/nonexistent\.ndjson/,
    );
    const empty = join(temp(), 'empty.ndjson');
    writeFileSync(empty, '{"not":"k6"}\n');
    const e = await importK6([empty], { outDir: temp() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadrigError);
    expect((e as LoadrigError).message).toMatch(/no k6 samples in .*empty\.ndjson/);
  });
});
