import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';
import { expectK6Accepts } from '../../helpers/k6/check-k6-script.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

// k6 cannot be installed here: a stand-in binary writes k6's real output formats.
const K6_BINARY = join(import.meta.dirname, '../../fixtures/fake-k6/k6');
const k6Script = join(import.meta.dirname, '../../fixtures/k6/script.js');
const typed = join(import.meta.dirname, '../../fixtures/scenarios/delay-20ms.ts');
const tempOut = (): string => tempDir('loadrig-k6-cli-');
const meta = (out: string): RunMeta =>
  JSON.parse(
    readFileSync(
      join(out, readdirSync(out).find((d) => d !== 'script.js') as string, 'run.json'),
      'utf8',
    ),
  ) as RunMeta;

describe('loadrig run --engine k6', () => {
  it('runs a plain k6 script with the full harness: target, thresholds from its options, report', async () => {
    const out = tempOut();
    const r = await runCli(
      ['run', k6Script, '--engine', 'k6', '--target', 'sample-api', '--out', out],
      { env: { K6_BINARY } },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const m = meta(out);
    expect(m.engine).toBe('k6');
    // From k6's JSON output (with abortOnFail) and, for the tagged one, its summary export.
    expect(m.scenario.thresholds).toEqual({
      http_req_duration: [
        'p(95)<300',
        { threshold: 'max<5000', abortOnFail: true, delayAbortEval: '10s' },
      ],
      'http_req_duration{name:/fast}': ['p(99)<250'],
    });
    expect(m.engineResult?.iterations).toBe(120);
    expect(m.engineResult?.k6Thresholds).toContainEqual({
      metric: 'http_req_duration{name:/fast}',
      expression: 'p(99)<250',
      passed: true,
    });
    expect(r.stdout).toMatch(/✓.*p\(95\)<300/);
    expect(r.stdout).toMatch(/✓.*p\(99\)<250/);
  });

  it("fails the run when k6 failed a threshold (exit 99) that loadrig's data passes", async () => {
    const out = tempOut();
    const r = await runCli(
      ['run', k6Script, '--engine', 'k6', '--target', 'sample-api', '--out', out],
      { env: { K6_BINARY, FAKE_K6_TAGGED_FAIL: '1' } },
    );
    expect(r.code).toBe(1);
    expect(meta(out).status).toBe('failed');
    expect(r.stderr).toMatch(
      /http_req_duration\{name:\/fast\} p\(99\)<250: loadrig passed, k6 failed/,
    );
  });

  it('runs a typed scenario as N k6 segments merged into one run', async () => {
    const out = tempOut();
    const r = await runCli(['run', typed, '--engine', 'k6', '--segments', '3', '--out', out], {
      env: { K6_BINARY },
    });
    expect(r.code).not.toBe(2);
    expect(meta(out).engineResult?.iterations).toBe(120);
  });

  it('runs a typed scenario on k6 with samples labelled by their own seconds', async () => {
    const out = tempOut();
    const kept = join(out, 'script.js');
    const r = await runCli(['run', typed, '--engine', 'k6', '--out', out], {
      env: { K6_BINARY, FAKE_K6_KEEP_SCRIPT: kept },
    });
    // The stand-in's latencies (10-19 ms) fail the scenario's p(50)>=20: a verdict, exit 1.
    expect(r.code).toBe(1);
    const run = readdirSync(out).find((d) => d !== 'script.js') as string;
    const ts = readFileSync(join(out, run, 'client.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { t: number }).t);
    expect(ts).toEqual([...new Set(ts)].sort((a, b) => a - b));
    // The script k6 was given passes the same checks as every export.
    await expect(expectK6Accepts(readFileSync(kept, 'utf8'))).resolves.toBeDefined();
  });

  it('refuses a plain k6 script without --engine k6, and segments on the built-in engine', async () => {
    const a = await runCli(['run', k6Script, '--target', 'sample-api']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/is a k6 script .*\n.*--engine k6/);
    const b = await runCli(['run', typed, '--segments', '2']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--segments 2 needs --engine k6/);
  });

  it('names K6_BINARY and PATH when k6 is missing', async () => {
    const r = await runCli(['run', typed, '--engine', 'k6', '--out', tempOut()], {
      env: { K6_BINARY: '', PATH: '/usr/bin:/bin' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/K6_BINARY is not set and there is no k6 on PATH/);
  });
});

describe('loadrig export, k8s and import for k6', () => {
  const fixture = (name: string): string =>
    join(import.meta.dirname, '../../fixtures/scenarios', name);

  it('exports a script k6 would accept, and refuses one it could not run with exit 2', async () => {
    const out = join(tempOut(), 'flows.k6.js');
    const ok = await runCli(['export', 'k6', fixture('k6-named-flows.ts'), '-o', out]);
    expect(ok.code).toBe(0);
    const inspected = await expectK6Accepts(readFileSync(out, 'utf8'));
    expect(inspected.exportedFunctions.has('flow_buy_now')).toBe(true);
    const refused = await runCli(['export', 'k6', fixture('k6-feeder.ts'), '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/feeders .* do not run on k6/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('puts extra k6 outputs in K6_OUT beside the JSON output, one per flag', async () => {
    const out = join(tempOut(), 'run.yaml');
    const r = await runCli([
      'k8s',
      typed,
      '--parallelism',
      '2',
      '--base-url',
      'http://api:8080',
      '--results-claim',
      'k6-results',
      '--k6-out',
      'influxdb=http://influxdb:8086/k6',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(
      'value: "json=/results/$(POD_NAME).ndjson,influxdb=http://influxdb:8086/k6"',
    );
    const bad = await runCli([
      'k8s',
      typed,
      '-p',
      '2',
      '-u',
      'http://api:8080',
      '--k6-out',
      'influxdb=http://a,json=b',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--k6-out influxdb=http:\/\/a,json=b is not one k6 output/);
  });

  it('imports gzipped k6 output with the summary export given by --summary', async () => {
    const dir = tempOut();
    const gz = join(dir, 'out.json.gz');
    writeFileSync(
      gz,
      gzipSync(readFileSync(join(import.meta.dirname, '../../fixtures/k6/json-output.ndjson'))),
    );
    const summary = join(dir, 'summary.json');
    writeFileSync(
      summary,
      JSON.stringify({
        metrics: { 'http_req_duration{name:root}': { thresholds: { 'max<1000': false } } },
      }),
    );
    const runs = join(dir, 'runs');
    const r = await runCli(['import', gz, '--summary', summary, '--out', runs]);
    expect(r.code).toBe(0);
    expect(meta(runs).scenario.thresholds).toEqual({
      http_req_duration: ['p(95)<500'],
      'http_req_duration{name:root}': ['max<1000'],
    });
  });
});
