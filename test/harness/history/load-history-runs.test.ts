import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeNightlyRuns } from '../../../bench/history-fixture.js';
import { loadHistoryRuns } from '../../../harness/history/load-history-runs.js';

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-history-load-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const small = { runs: 4, holdSeconds: 6, ratePerSec: 20 };

describe('loadHistoryRuns', () => {
  it('reads run.json and digest.json; a run without a digest gives the same figures read whole', () => {
    const withDigest = temp();
    const without = temp();
    writeNightlyRuns(withDigest, { ...small, seed: 3 });
    writeNightlyRuns(without, { ...small, seed: 3, digest: false });
    const a = loadHistoryRuns(withDigest, { filter: {}, writtenTo: withDigest });
    const b = loadHistoryRuns(without, { filter: {}, writtenTo: without });
    expect(a.derived).toBe(0);
    expect(b.derived).toBe(4);
    expect(a.runs).toHaveLength(4);
    expect(b.runs.map((r) => r.digest)).toEqual(a.runs.map((r) => r.digest));
    expect(a.runs[0]).toMatchObject({ scenario: 'nightly', branch: 'main', status: 'passed' });
    expect(a.runs[0]?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(a.runs[0]?.report).toMatch(/^\d{8}T\d{6}Z-nightly\/report\.html$/);
  });

  it('links reports relative to where the history is written', () => {
    const root = temp();
    writeNightlyRuns(join(root, 'runs'), { ...small, runs: 1, seed: 1 });
    const loaded = loadHistoryRuns(join(root, 'runs'), {
      filter: {},
      writtenTo: join(root, 'site'),
    });
    expect(loaded.runs[0]?.report).toMatch(/^\.\.\/runs\/.+\/report\.html$/);
  });

  it('ignores a digest written for another run', () => {
    const root = temp();
    const [dir] = writeNightlyRuns(root, { ...small, runs: 1, seed: 1 });
    const path = join(dir!, 'digest.json');
    const digest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...digest, runId: 'another-run', figures: {} }));
    const loaded = loadHistoryRuns(root, { filter: {}, writtenTo: root });
    expect(loaded.derived).toBe(1);
    expect(Object.keys(loaded.runs[0]!.digest.figures)).toContain('latency.p99');
  });

  it('finds runs one folder down (CI artifacts), reads schema-1 runs, and skips broken or unfinished ones', () => {
    const root = temp();
    writeNightlyRuns(join(root, 'artifact-1'), { ...small, runs: 2, seed: 1 });
    cpSync(join(import.meta.dirname, '..', '..', 'fixtures', 'run-dirs', 'v1'), join(root, 'v1'), {
      recursive: true,
    });
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'run.json'), '{ not json');
    const [running] = writeNightlyRuns(join(root, 'live'), { ...small, runs: 1, seed: 9 });
    const metaPath = join(running!, 'run.json');
    writeFileSync(
      metaPath,
      JSON.stringify({ ...JSON.parse(readFileSync(metaPath, 'utf8')), status: 'running' }),
    );
    const loaded = loadHistoryRuns(root, { filter: {}, writtenTo: root });
    expect(loaded.runs.filter((r) => r.scenario === 'nightly')).toHaveLength(2);
    expect(loaded.runs.map((r) => r.scenario)).toEqual(
      expect.arrayContaining(['demo', 'v1 open model', 'v1-k6-import']),
    );
    expect(loaded.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([expect.stringContaining('not valid JSON'), 'status running']),
    );
  });

  it('keeps only the scenario, branch and start dates asked for', () => {
    const root = temp();
    writeNightlyRuns(root, { ...small, seed: 1 });
    writeNightlyRuns(root, { ...small, seed: 2, branch: 'feature' });
    writeNightlyRuns(root, { ...small, seed: 3, scenario: 'checkout' });
    const load = (filter: Parameters<typeof loadHistoryRuns>[1]['filter']) =>
      loadHistoryRuns(root, { filter, writtenTo: root }).runs;
    expect(load({ branch: 'feature' })).toHaveLength(4);
    expect(load({ scenario: 'checkout' }).every((r) => r.scenario === 'checkout')).toBe(true);
    expect(load({ scenario: 'nightly', sinceMs: Date.UTC(2026, 0, 3) })).toHaveLength(4); // 2 per branch
  });

  it('says the folder is missing', () => {
    expect(() => loadHistoryRuns('/nonexistent/runs', { filter: {}, writtenTo: '.' })).toThrow(
      /does not exist/,
    );
  });
});
