import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryJson } from '../../../reports/render/summary-json.js';
import { runCli } from '../../helpers/cli.js';
import { startServer } from '../../helpers/http-server.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);
const onlyRun = (out: string): string => join(out, readdirSync(out)[0] as string);
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const tempDir = useTempDirs();

/** Runs a scenario that stops before load; returns its run directory and the CLI result. */
async function failedStart(args: string[]) {
  const out = tempDir('loadrig-failed-start-');
  const r = await runCli([...args, '--runs', out, '--format', 'html,json,md,junit']);
  const dir = onlyRun(out);
  return { r, dir, summary: JSON.parse(read(dir, 'summary.json')) as SummaryJson };
}

/** What every short report says: why (code, message, hint), and no load figures. */
function expectShortReport(dir: string, summary: SummaryJson, code: string): void {
  expect(summary).toMatchObject({
    verdict: 'error',
    verdictLine: 'ERROR',
    error: { code },
    thresholds: [],
    findings: [],
    endpoints: [],
  });
  expect(summary.error?.hint).toBeTruthy();
  const html = read(dir, 'report.html');
  expect(html).toContain('<h2>Stopped before any load</h2>');
  expect(html).toContain(`<code>${code}</code>`);
  expect(html).not.toContain('id="thresholds"');
  expect(html).not.toContain('id="charts"');
  const md = read(dir, 'summary.md');
  expect(md).toContain(`**${code.replace(/_/g, '\\_')}**`);
  expect(md).toContain('*What to do:*');
  expect(md).toContain('Stopped before any load');
  expect(md).not.toContain('#### Findings');
  expect(read(dir, 'junit.xml')).toContain(`<error message="${code}: `);
  expect(existsSync(join(dir, 'digest.json'))).toBe(false);
}

describe('a run that stops before any load still writes a short report saying why', () => {
  it('the pre-flight request finds nothing at an external URL (exit 3)', async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const { r, dir, summary } = await failedStart([
      'run',
      fixture('request-errors.ts'),
      '--target',
      server.url,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`report: ${join(dir, 'report.html')}`);
    expectShortReport(dir, summary, 'E_TARGET_UNREACHABLE');
    expect(summary.error?.message).toContain('ECONNREFUSED');
  });

  it('the target never becomes healthy (exit 3)', async () => {
    const { r, dir, summary } = await failedStart(['run', fixture('never-healthy.ts')]);
    expect(r.code).toBe(3);
    expectShortReport(dir, summary, summary.error?.code ?? 'missing');
    expect(summary.error?.code).toMatch(/^E_TARGET/);
    expect(summary.error?.message).toContain('mute');
  });

  it('the flow throws in every warm-up iteration (exit 2)', async () => {
    await using server = await startServer((_req, res) => res.end('{}'));
    const { r, dir, summary } = await failedStart([
      'run',
      fixture('flow-throws-warmup.ts'),
      '--target',
      server.url,
    ]);
    expect(r.code).toBe(2);
    expectShortReport(dir, summary, 'E_FLOW_FAILED');
    expect(read(dir, 'report.html')).toContain('order service contract changed');
  });
});
