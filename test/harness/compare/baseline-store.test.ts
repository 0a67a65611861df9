import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  baselineRunDirs,
  listBaselines,
  saveBaseline,
} from '../../../harness/compare/baseline-store.js';
import { runDirsOf } from '../../../harness/compare/run-dirs.js';
import { readRun } from '../../../core/run-dir/read-run.js';

const V1 = join(import.meta.dirname, '../../fixtures/run-dirs/v1');
const DEMO = join(V1, '20261203T131733Z-demo');
const OPEN = join(V1, '20261203T131745Z-v1-open-model');
let runs: string;

beforeEach(() => {
  runs = mkdtempSync(join(tmpdir(), 'loadrig-baselines-'));
});
afterEach(() => rmSync(runs, { recursive: true, force: true }));

describe('baselines', () => {
  it('copies each run’s data under baselines/<name> and reads it back in order', () => {
    const manifest = saveBaseline(
      runs,
      'release-1.4',
      [OPEN, DEMO],
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(manifest).toMatchObject({ name: 'release-1.4', savedAt: '2026-12-01T00:00:00.000Z' });
    expect(manifest.runs.map((r) => r.scenario)).toEqual(['v1 open model', 'demo']);
    const dirs = baselineRunDirs(runs, 'release-1.4');
    expect(dirs.map((d) => readRun(d).meta.scenario.name)).toEqual(['v1 open model', 'demo']);
    expect(readdirSync(dirs[1]!).sort()).toEqual([
      'client.ndjson',
      'run.json',
      'server.ndjson',
      'summary.json',
    ]);
    expect(listBaselines(runs).map((b) => b.name)).toEqual(['release-1.4']);
  });

  it('replaces a baseline of the same name whole, and keeps same-id runs apart', () => {
    saveBaseline(runs, 'nightly', [DEMO], new Date());
    saveBaseline(runs, 'nightly', [DEMO, DEMO], new Date());
    const dirs = baselineRunDirs(runs, 'nightly');
    expect(dirs).toHaveLength(2);
    expect(new Set(dirs).size).toBe(2);
    expect(readdirSync(join(runs, 'baselines')).sort()).toEqual(['nightly']);
  });

  it('refuses bad names, unknown baselines (listing the known ones) and broken runs', () => {
    expect(() => saveBaseline(runs, '../x', [DEMO], new Date())).toThrow(/not valid/);
    saveBaseline(runs, 'a', [DEMO], new Date());
    expect(() => baselineRunDirs(runs, 'b')).toThrow(/no baseline named "b"/);
    try {
      baselineRunDirs(runs, 'b');
    } catch (e) {
      expect((e as { hint?: string }).hint).toBe('saved baselines: a');
    }
    expect(() => saveBaseline(runs, 'c', [runs], new Date())).toThrow(/not a run directory/);
    expect(existsSync(join(runs, 'baselines', 'c'))).toBe(false);
  });
});

describe('the run directories a side names', () => {
  it('takes a run directory, a folder of them (sorted), or a comma list', () => {
    const folder = join(runs, 'side');
    cpSync(DEMO, join(folder, 'b-run'), { recursive: true });
    cpSync(OPEN, join(folder, 'a-run'), { recursive: true });
    expect(runDirsOf(DEMO, 'base')).toEqual([DEMO]);
    expect(runDirsOf(folder, 'base')).toEqual([join(folder, 'a-run'), join(folder, 'b-run')]);
    expect(runDirsOf(`${DEMO},${OPEN}`, 'base')).toEqual([DEMO, OPEN]);
    expect(() => runDirsOf(join(runs, 'missing'), 'base')).toThrow(/is not a directory/);
    expect(() => runDirsOf(runs, 'base')).toThrow(/neither a run directory/);
  });
});
