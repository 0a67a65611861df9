import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientBucket, RunMeta } from '../../../core/run-dir/run-data.js';
import type { SummaryJson } from '../../../reports/render/summary-json.js';
import { runCli } from '../../helpers/cli.js';
import { startServer, type TestServer } from '../../helpers/http-server.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);
const tempOut = (): string => tempDir('loadrig-rec-');
const onlyRun = (out: string): string => join(out, readdirSync(out)[0] as string);
const readJson = <T>(dir: string, file: string): T =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
const clientLines = (dir: string): ClientBucket[] =>
  readFileSync(join(dir, 'client.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ClientBucket);

/** The line of `file` holding `marker`, 1-based, as a stack trace numbers it. */
function lineOf(file: string, marker: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(marker)) + 1
  );
}

/** `{}` at /order, 200 elsewhere; every answer takes at least `delayMs`. */
async function target(delayMs = 0): Promise<TestServer> {
  return startServer((req, res) => {
    const arrived = performance.now();
    const answer = (): void => {
      if (performance.now() - arrived < delayMs) return void setImmediate(answer);
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/order' ? '{}' : '{"ok":true}');
    };
    answer();
  });
}

/** A 127.0.0.1 URL where nothing listens (a port that was just free). */
async function deadUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}

describe('flow errors through the CLI', () => {
  it('counts, locates, reports and judges a flow that throws in every iteration', async () => {
    await using server = await target();
    const out = tempOut();
    const file = fixture('flow-throws.ts');
    const r = await runCli([
      'run',
      file,
      '--target',
      server.url,
      '--out',
      out,
      '--format',
      'html,json,md',
    ]);
    const location = `flow-throws.ts:${lineOf(file, '// throws here')}`;
    const message = "Cannot read properties of undefined (reading '0')";
    // The threshold flow_errors count==0 fails the run.
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('█ FLOW ERRORS');
    expect(r.stdout).toContain(message);
    expect(r.stdout).toContain(location);
    expect(r.stdout).toMatch(/The flow threw in 100\.00% of iterations/);
    expect(r.stdout).toMatch(/✗ 'count==0'/);
    expect(r.stdout + r.stderr).toContain(`(at ${location})`); // the live warning

    const dir = onlyRun(out);
    const meta = readJson<RunMeta>(dir, 'run.json');
    const tag = `TypeError@${location}`;
    expect(meta.engineResult?.flowErrorSites?.[message]).toEqual({ tag, location });
    const thrown = meta.engineResult?.flowErrors[message] ?? 0;
    expect(thrown).toBeGreaterThan(5);
    expect(thrown).toBe(meta.engineResult?.iterations);

    const tagged = clientLines(dir).flatMap((b) => b.metrics['flow_errors'] ?? []);
    expect(
      tagged
        .filter((s) => s.tags['error'] === tag)
        .reduce((n, s) => n + (s.kind === 'counter' ? s.value : 0), 0),
    ).toBe(thrown);

    const summary = readJson<SummaryJson>(dir, 'summary.json');
    expect(summary.flowErrors).toEqual([{ message, location, count: thrown, share: 1 }]);
    expect(summary.findings.find((f) => f.id === 'errors.flow')).toMatchObject({
      severity: 'critical',
    });
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('#### Flow errors');
    expect(md).toContain(location);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<h3>Flow errors</h3>');
  });

  it('passes flow_errors count==0 on a flow that does not throw', async () => {
    await using server = await target();
    const out = tempOut();
    const r = await runCli(
      ['run', fixture('flow-throws.ts'), '--target', server.url, '--out', out],
      {
        env: { THROW: '0' },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ 'count==0' count=0/);
    expect(r.stdout).not.toContain('FLOW ERRORS');
    expect(readJson<SummaryJson>(onlyRun(out), 'summary.json').flowErrors).toEqual([]);
  });

  it('stops before load with exit 2, the message and where, when every warm-up iteration throws', async () => {
    await using server = await target();
    const out = tempOut();
    const file = fixture('flow-throws-warmup.ts');
    const r = await runCli(['run', file, '--target', server.url, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('every warm-up iteration threw');
    expect(r.stderr).toContain('order service contract changed');
    expect(r.stderr).toContain(`flow-throws-warmup.ts:${lineOf(file, '// throws here')}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('› load');
    const dir = onlyRun(out);
    expect(readJson<RunMeta>(dir, 'run.json')).toMatchObject({
      status: 'error',
      error: { code: 'E_FLOW_FAILED' },
    });
    expect(clientLines(dir)).toEqual([]);
  });
});

describe('request errors through the CLI', () => {
  it('records failed requests by cause and shows them in the console, summary.json and Markdown', async () => {
    await using server = await target();
    const out = tempOut();
    const dead = await deadUrl();
    const r = await runCli(
      [
        'run',
        fixture('request-errors.ts'),
        '--target',
        server.url,
        '--out',
        out,
        '--format',
        'html,json,md',
      ],
      { env: { DEAD_URL: `${dead}/gone` } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('█ REQUEST ERRORS');
    expect(r.stdout).toContain('connection refused: nothing listens there (ECONNREFUSED)');
    const dir = onlyRun(out);
    const failed = clientLines(dir)
      .flatMap((b) => b.metrics['http_req_failed'] ?? [])
      .filter((s) => s.tags['name'] === 'dead');
    expect(failed.length).toBeGreaterThan(0);
    for (const s of failed)
      expect(s.tags).toMatchObject({ status: '0', error_code: 'ECONNREFUSED' });

    const summary = readJson<SummaryJson>(dir, 'summary.json');
    expect(summary.requestErrors).toHaveLength(1);
    expect(summary.requestErrors[0]).toMatchObject({
      status: 0,
      errorCode: 'ECONNREFUSED',
      cause: 'refused',
      share: 0.5,
    });
    const rate = summary.findings.find((f) => f.id === 'errors.rate');
    expect(rate?.evidence.text).toContain('ECONNREFUSED');
    expect(rate?.fix).toContain('request errors');
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('#### Request errors');
    expect(md).toContain('ECONNREFUSED');
  });

  it('exits 3 before any load, with the address and the cause, when nothing answers at an external URL', async () => {
    const out = tempOut();
    const dead = await deadUrl();
    const r = await runCli(['run', fixture('request-errors.ts'), '--target', dead, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(dead);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('› load');
    const dir = onlyRun(out);
    expect(readJson<RunMeta>(dir, 'run.json')).toMatchObject({
      status: 'error',
      error: { code: 'E_TARGET_UNREACHABLE' },
    });
    expect(clientLines(dir)).toEqual([]);
  });
});

describe('the open model through the CLI', () => {
  it('has no latency below the request time, both VU counts, and the configured rate', async () => {
    const delayMs = 2;
    await using server = await target(delayMs);
    const out = tempOut();
    const r = await runCli([
      'run',
      fixture('open-model-cli.ts'),
      '--target',
      server.url,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const dir = onlyRun(out);
    const summary = readJson<SummaryJson>(dir, 'summary.json');
    const duration = summary.metrics['http_req_duration'];
    const iteration = summary.metrics['iteration_duration'];
    expect(duration?.kind === 'trend' && duration.min).toBeGreaterThanOrEqual(delayMs);
    expect(iteration?.kind === 'trend' && iteration.min).toBeGreaterThanOrEqual(delayMs);
    for (const b of clientLines(dir)) {
      for (const s of [
        ...(b.metrics['http_req_duration'] ?? []),
        ...(b.metrics['iteration_duration'] ?? []),
      ]) {
        if (s.kind === 'trend') expect(s.min).toBeGreaterThanOrEqual(delayMs);
      }
    }
    // 150 arrivals over the 3 s hold: 50/s, not diluted by thread start-up and drain.
    expect(summary.metrics['http_reqs']).toMatchObject({ count: 150 });
    const reqs = summary.metrics['http_reqs'];
    expect(reqs?.kind === 'counter' && reqs.ratePerSec).toBeCloseTo(50, 0);
    const meta = readJson<RunMeta>(dir, 'run.json');
    const hold = meta.phases.find((p) => p.kind === 'hold');
    expect(hold && hold.endMs - hold.startMs).toBe(3000);
    expect(summary.run.durationSec).toBe(3);
    // Busy VUs show, and the allocated pool (2 workers × 2 pre-allocated).
    expect(summary.metrics['vus_max']).toEqual({ kind: 'gauge', value: 4, min: 4, max: 4 });
    expect(r.stdout).toMatch(/vus_max\.+: 4 /);
    expect(r.stdout).toMatch(/vus\.+: \d+\s+min=\d+ max=[1-9]/);
    expect(meta.engineResult?.peakAllocatedVus).toBe(4);
  });
});
