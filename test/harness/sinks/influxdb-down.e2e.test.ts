import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';

const SCENARIO = join(import.meta.dirname, '../../fixtures/scenarios/delay-20ms.ts');

describe('--out influxdb= with nothing listening', () => {
  const root = mkdtempSync(join(tmpdir(), 'loadrig-influx-down-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs to the end with its exit code, warns, keeps every second and records the loss', async () => {
    const began = Date.now();
    // Port 9 (discard) on 127.0.0.1: refused at once.
    const r = await runCli([
      'run',
      SCENARIO,
      '--runs',
      root,
      '--out',
      'influxdb=http://127.0.0.1:9/loadrig',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /InfluxDB write to http:\/\/127\.0\.0\.1:9\/loadrig failed .*retrying, the run goes on/,
    );
    expect(r.stderr).toMatch(
      /InfluxDB at http:\/\/127\.0\.0\.1:9\/loadrig is missing \d+ point\(s\) of this run/,
    );
    expect(Date.now() - began).toBeLessThan(25_000); // the 5 s scenario, start-up, and a short grace
    const dir = join(root, readdirSync(root)[0]!);
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('passed');
    expect(meta.outputs?.[0]).toMatchObject({ output: 'influxdb', pointsWritten: 0 });
    expect(meta.outputs?.[0]?.pointsDropped).toBeGreaterThan(0);
    expect(meta.outputs?.[0]?.lastError).toMatch(/ECONNREFUSED/);
    const seconds = readFileSync(join(dir, 'client.ndjson'), 'utf8').trim().split('\n');
    expect(seconds.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses an unknown output before running, naming the valid ones', async () => {
    const r = await runCli([
      'run',
      SCENARIO,
      '--runs',
      root,
      '--out',
      'statsd=udp://127.0.0.1:8125',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown output "statsd"');
    expect(r.stderr).toContain('influxdb=<target>');
  });
});
