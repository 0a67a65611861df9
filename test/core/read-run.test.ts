import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadrigError } from '../../core/errors.js';
import { readRun } from '../../core/run-dir/read-run.js';
import { addEncoded } from '../../core/hdr/add-encoded.js';
import { newHistogram } from '../../core/hdr/histogram.js';

const DEMO_V1 = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'run-dirs',
  'v1',
  '20261203T131733Z-demo',
);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function copyOfDemo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-read-run-'));
  dirs.push(dir);
  cpSync(DEMO_V1, dir, { recursive: true });
  return dir;
}

function failure(dir: string): LoadrigError {
  try {
    readRun(dir);
  } catch (e) {
    if (LoadrigError.is(e)) return e;
    throw e;
  }
  throw new Error('readRun accepted a broken run directory');
}

describe('readRun validates what it reads', () => {
  it('names the file, the path and the problem in run.json', () => {
    const dir = copyOfDemo();
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    meta.status = 'finished';
    delete meta.host.cpus;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(meta));
    const e = failure(dir);
    expect(e.code).toBe('E_RUN_DATA');
    expect(e.message).toContain(join(dir, 'run.json'));
    expect(e.issues.map((i) => i.path).sort()).toEqual(['host.cpus', 'status']);
  });

  it('names the line of client.ndjson that breaks the format', () => {
    const dir = copyOfDemo();
    const lines = readFileSync(join(dir, 'client.ndjson'), 'utf8').trimEnd().split('\n');
    const third = JSON.parse(lines[2] as string);
    third.metrics.http_reqs[0].kind = 'histogram';
    lines[2] = JSON.stringify(third);
    writeFileSync(join(dir, 'client.ndjson'), lines.join('\n') + '\n');
    const e = failure(dir);
    expect(e.message).toMatch(/client\.ndjson line 3 does not follow the run format/);
    expect(e.issues[0]?.path).toBe('metrics.http_reqs.0.kind');
  });

  it('refuses a bucket time that is not a whole unix second before year 10000', () => {
    // 2^53 + 1 reads as 2^53, where t + 1 === t: a loop over the run's seconds never ends.
    for (const [file, t] of [
      ['client.ndjson', '9007199254740993'],
      ['server.ndjson', '-1'],
      ['client.ndjson', '253402300800'],
    ] as const) {
      const dir = copyOfDemo();
      const path = join(dir, file);
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      lines[1] = lines[1]!.replace(/"t":\d+/, `"t":${t}`);
      writeFileSync(path, lines.join('\n') + '\n');
      const e = failure(dir);
      expect(e.code).toBe('E_RUN_DATA');
      expect(e.message).toContain(`${file} line 2 does not follow the run format`);
      expect(e.issues.map((i) => i.path)).toContain('t');
    }
  });

  it('refuses a line that is not JSON unless it is the torn last one', () => {
    const dir = copyOfDemo();
    const path = join(dir, 'server.ndjson');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, [lines[0], '{"t":', ...lines.slice(1)].join('\n') + '\n');
    expect(failure(dir).message).toMatch(/server\.ndjson line 2 is not valid JSON/);
    writeFileSync(path, [...lines, '{"t":17963'].join('\n'));
    expect(readRun(dir).server).toHaveLength(lines.length);
  });

  it('treats a null server value (NaN written as JSON) as a gap', () => {
    const dir = copyOfDemo();
    const path = join(dir, 'server.ndjson');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const first = JSON.parse(lines[0] as string);
    first.values['process.cpu_percent'] = null;
    lines[0] = JSON.stringify(first);
    writeFileSync(path, lines.join('\n') + '\n');
    expect(readRun(dir).server[0]?.values).not.toHaveProperty('process.cpu_percent');
  });

  it('refuses a schema version it does not know, saying which it reads', () => {
    const dir = copyOfDemo();
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...meta, schemaVersion: 3 }));
    expect(failure(dir).message).toMatch(/schemaVersion 3; this loadrig reads version 1 or 2/);
  });

  it('names the line whose histogram is not one, and refuses a damaged one when it is decoded', () => {
    const dir = copyOfDemo();
    const path = join(dir, 'client.ndjson');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const second = JSON.parse(lines[1] as string);
    const series = second.metrics.http_req_duration[0];
    const hist: string = series.hist;
    series.hist = 'not a histogram';
    writeFileSync(path, [lines[0], JSON.stringify(second), ...lines.slice(2)].join('\n') + '\n');
    expect(failure(dir).message).toMatch(/client\.ndjson line 2 does not follow the run format/);
    // One character changed inside the compressed bytes: they no longer inflate to their checksum.
    const at = 40;
    series.hist = hist.slice(0, at) + (hist[at] === 'A' ? 'B' : 'A') + hist.slice(at + 1);
    writeFileSync(path, [lines[0], JSON.stringify(second), ...lines.slice(2)].join('\n') + '\n');
    const run = readRun(dir);
    let error: unknown;
    try {
      const decoded = run.client[1]?.metrics['http_req_duration']?.[0];
      addEncoded(newHistogram(), decoded?.kind === 'trend' ? decoded.hist : '');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_RUN_DATA', name: 'HistogramDecodeError' });
  });
});
