import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeAgentCollector } from '../../../../harness/collectors/node-agent-collector.js';
import { NODE_SERIES } from '../../../../harness/collectors/node-series.js';
import { DockerProvider } from '../../../../harness/providers/docker/docker-provider.js';
import { listManagedContainers } from '../../../../harness/providers/docker/remove-containers.js';
import { target } from '../../../../index.js';
import { runCli } from '../../../helpers/cli.js';
import { componentGate } from '../../../helpers/require-component.js';
import { dockerWithImages, FIXTURES, readMeta, readServer, runDirOf } from './docker-test-env.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_DOCKER',
  await dockerWithImages(),
  'Docker with the loadrig images (dockerd running, infra/images/build.sh run)',
);

const until = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return check();
};

// One file, run in order: the machine is small and shared.
describe.skipIf(gate.skip)('the Node agent in container targets', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'loadrig-agent-runs-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('records the sample API’s heap and event-loop delay from 2 replicas under load; nothing left', async () => {
    process.env['LOADRIG_TEST_REPLICAS'] = '2';
    process.env['LOADRIG_TEST_DURATION'] = '6s';
    try {
      const result = await runCli(['run', join(FIXTURES, 'replicas.ts'), '--out', out], {
        timeoutMs: 90_000,
      });
      expect(result.code, result.stderr + result.stdout).toBe(0);
      const dir = runDirOf(result.stdout);
      const meta = readMeta(dir);
      const ids = meta.serverSeries.map((s) => s.id);
      expect(ids).toContain(NODE_SERIES.heapUsed);
      expect(ids).toContain(NODE_SERIES.loopDelayP99);
      const series = (id: string): number[] =>
        readServer(dir)
          .map((s) => s.values[id])
          .filter((v): v is number => v !== undefined);
      const heap = series(NODE_SERIES.heapUsed);
      const p99 = series(NODE_SERIES.loopDelayP99);
      console.log(
        `node agent, 2 replicas: ${heap.length} s of heap (MB ${heap.map((v) => (v / 2 ** 20).toFixed(1)).join(' ')}), ` +
          `event-loop p99 ms ${p99.map((v) => v.toFixed(2)).join(' ')}`,
      );
      // The agent reconnects once a second until the collector listens: allow a late start.
      expect(heap.length).toBeGreaterThanOrEqual(4);
      expect(Math.min(...heap)).toBeGreaterThan(2 ** 20);
      expect(p99.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...p99)).toBeGreaterThan(0);
      expect(await listManagedContainers(meta.id)).toEqual([]);
    } finally {
      delete process.env['LOADRIG_TEST_REPLICAS'];
      delete process.env['LOADRIG_TEST_DURATION'];
    }
  }, 120_000);

  it('shares one socket between the replicas, each reporting; removes its directory on stop', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'loadrig-docker-run-'));
    const logFile = join(runDir, 'target.log');
    const running = await new DockerProvider().start(
      target({ name: 'api', image: 'loadrig/sample-api', replicas: 2 }),
      { logFile },
    );
    let socketDir = '';
    try {
      const source = running.metricSources.find((s) => s.kind === 'node-agent');
      expect(source).toMatchObject({ kind: 'node-agent', label: 'api' });
      if (source?.kind !== 'node-agent') return;
      socketDir = dirname(source.socketPath);
      const collector = new NodeAgentCollector(source.socketPath, source.label);
      await collector.listening;
      try {
        // Both replicas' servers are pid 7 in their own namespaces: still two processes.
        expect(await until(() => collector.reportingProcesses === 2, 10_000)).toBe(true);
        for (let i = 0; i < 50; i++) await (await fetch(`${running.baseUrl}/fast`)).text();
        await new Promise((r) => setTimeout(r, 1_200));
        const values = await collector.sample(0);
        expect(values[NODE_SERIES.heapUsed]).toBeGreaterThan(2 * 2 ** 20);
      } finally {
        await collector.close();
      }
    } finally {
      await running.stop();
    }
    expect(existsSync(socketDir)).toBe(false);
    expect(await listManagedContainers(basename(runDir))).toEqual([]);
    rmSync(runDir, { recursive: true, force: true });
  }, 60_000);
});
