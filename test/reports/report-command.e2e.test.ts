import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunData } from '../../core/run-dir/run-data.js';
import { runCli } from '../helpers/cli.js';
import { sampleRun } from './fixtures/sample-run.js';

/** A run directory as the harness leaves it (run.json + NDJSON), with no outputs yet. */
function writeRunDir(run: RunData): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-run-'));
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run.meta, null, 2));
  writeFileSync(join(dir, 'client.ndjson'), run.client.map((b) => JSON.stringify(b)).join('\n'));
  writeFileSync(join(dir, 'server.ndjson'), run.server.map((s) => JSON.stringify(s)).join('\n'));
  return dir;
}

describe('loadrig report <run-dir> --format', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeRunDir(sampleRun());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the selected outputs and names them', async () => {
    const r = await runCli(['report', dir, '--format', 'junit,md']);
    expect(r.code).toBe(1); // a threshold failed
    expect(r.stdout).toContain(`junit: ${join(dir, 'junit.xml')}`);
    expect(r.stdout).toContain(`md: ${join(dir, 'summary.md')}`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<testsuites name="loadrig"');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      /^### ❌ loadrig: checkout smoke/,
    );
  });

  it('writes report.html and summary.json by default; open prints the report path without a desktop', async () => {
    const r = await runCli(['report', dir]);
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { verdict: string };
    expect(json.verdict).toBe('failed');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<!doctype html>');
    if (process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return; // would open a real browser
    const open = await runCli(['open', dir]);
    expect(open.code).toBe(0);
    expect(open.stdout).toContain(`report: ${join(dir, 'report.html')}`);
  });

  it('rejects an unknown format with the valid ones', async () => {
    const r = await runCli(['report', dir, '--format', 'html,pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format pdf');
    expect(r.stderr).toContain('junit (junit.xml)');
  });
});
