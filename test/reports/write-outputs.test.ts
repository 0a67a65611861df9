import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dirWriter } from '../../harness/cli/commands/report-command.js';
import { writeOutputs } from '../../harness/lifecycle/finish-run.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { sampleRun } from './fixtures/sample-run.js';

describe('writeOutputs', () => {
  let dir: string | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes each selected format and appends the Markdown to $GITHUB_STEP_SUMMARY', () => {
    dir = mkdtempSync(join(tmpdir(), 'loadrig-outputs-'));
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, 'earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', stepSummary);
    const run = sampleRun();
    const written = writeOutputs(dirWriter(dir), run, analyseRun(run), ['md', 'junit']);
    expect(written).toEqual({ md: join(dir, 'summary.md'), junit: join(dir, 'junit.xml') });
    const md = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(readFileSync(stepSummary, 'utf8')).toBe(`earlier step\n${md}\n`);
  });

  it('leaves $GITHUB_STEP_SUMMARY alone when Markdown was not selected', () => {
    dir = mkdtempSync(join(tmpdir(), 'loadrig-outputs-'));
    const stepSummary = join(dir, 'step-summary.md');
    writeFileSync(stepSummary, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', stepSummary);
    const run = sampleRun();
    writeOutputs(dirWriter(dir), run, analyseRun(run), ['json']);
    expect(readFileSync(stepSummary, 'utf8')).toBe('');
  });
});
