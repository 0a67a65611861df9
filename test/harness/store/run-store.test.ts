import { appendFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun } from '../../../core/run-dir/read-run.js';
import { runId } from '../../../core/run-dir/run-files.js';
import { RunStore } from '../../../harness/store/run-store.js';
import { RUN_SCHEMA_VERSION, type RunMeta } from '../../../core/run-dir/run-data.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const meta: Omit<RunMeta, 'id'> = {
  schemaVersion: RUN_SCHEMA_VERSION,
  status: 'running',
  startedAt: '2026-11-23T08:15:00.123Z',
  scenario: {
    name: 'Checkout / pay!',
    profile: { kind: 'scenarios', scenarios: {} },
    loadModel: 'unknown',
    executors: {},
    thresholds: {},
    durationMs: 1000,
  },
  phases: [],
  target: { name: 't', provider: 'external', baseUrl: 'http://127.0.0.1:1' },
  engine: 'builtin',
  loadrig: '0.0.0',
  node: process.version,
  host: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'x', memoryBytes: 1 },
  serverSeries: [],
};

describe('RunStore', () => {
  it('names run directories by UTC time and scenario, never reusing one', () => {
    expect(runId(new Date(meta.startedAt), 'Checkout / pay!')).toBe(
      '20261123T081500Z-checkout-pay',
    );
    const out = tempDir('loadrig-store-');
    const a = RunStore.create(out, meta);
    const b = RunStore.create(out, meta);
    expect(basename(a.store.dir)).toBe('20261123T081500Z-checkout-pay');
    expect(basename(b.store.dir)).toBe('20261123T081500Z-checkout-pay-2');
  });

  it('writes run.json at once and appends one line per second as the run goes', () => {
    const out = tempDir('loadrig-store-');
    const { store } = RunStore.create(out, meta);
    expect(JSON.parse(readFileSync(join(store.dir, 'run.json'), 'utf8')).status).toBe('running');
    store.appendClient({ t: 1, vus: 1, metrics: {} });
    // Visible on disk before the run ends: a crash keeps it.
    expect(readFileSync(join(store.dir, 'client.ndjson'), 'utf8')).toBe(
      '{"t":1,"vus":1,"metrics":{}}\n',
    );
    store.appendServer({ t: 1, values: { 'process.rss_bytes': 5 } });
    store.close();
    const run = readRun(store.dir);
    expect(run.client).toHaveLength(1);
    expect(run.server[0]?.values['process.rss_bytes']).toBe(5);
  });

  it('reads a run whose last line was torn by a crash', () => {
    const out = tempDir('loadrig-store-');
    const { store } = RunStore.create(out, meta);
    store.appendClient({ t: 1, vus: 1, metrics: {} });
    store.close();
    appendFileSync(join(store.dir, 'client.ndjson'), '{"t":2,"vus":1,"metr');
    expect(readRun(store.dir).client.map((b) => b.t)).toEqual([1]);
  });

  it('refuses a run directory written with another schema version', () => {
    const out = tempDir('loadrig-store-');
    const { store, meta: written } = RunStore.create(out, meta);
    store.writeMeta({ ...written, schemaVersion: 99 } as unknown as RunMeta);
    expect(() => readRun(store.dir)).toThrow(/schemaVersion 99; this loadrig reads version 1/);
  });
});
