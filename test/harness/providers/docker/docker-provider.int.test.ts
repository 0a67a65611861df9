import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerProvider } from '../../../../harness/providers/docker/docker-provider.js';
import { listManagedContainers } from '../../../../harness/providers/docker/remove-containers.js';
import { target } from '../../../../index.js';
import { CLI, runCli } from '../../../helpers/cli.js';
import { componentGate } from '../../../helpers/require-component.js';
import {
  depsServiceContext,
  dockerWithImages,
  FIXTURES,
  readMeta,
  readServer,
  runDirOf,
} from './docker-test-env.js';
import { useTempDirs } from '../../../helpers/temp-dirs.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_DOCKER',
  await dockerWithImages(),
  'Docker with the loadrig images (dockerd running, infra/images/build.sh run)',
);

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

// One file, run in order: the tests share a 2-core machine and Docker, and CPU figures need quiet.
describe.skipIf(gate.skip)('container targets (docker provider)', () => {
  let out: string;
  const env = (vars: Record<string, string>): void => {
    for (const [k, v] of Object.entries(vars)) process.env[k] = v;
  };

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'loadrig-docker-runs-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the sample API at its 0.5-core limit under load, throttled, and records the limits', async () => {
    const result = await runCli(['run', join(FIXTURES, 'cpu-limited.ts'), '--out', out], {
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const dir = runDirOf(result.stdout);
    const meta = readMeta(dir);
    expect(meta.target.provider).toBe('docker');
    expect(meta.target.resources).toEqual({ cpus: 0.5, memoryMb: 256, nodeHeapLimitMb: 192 });
    expect(meta.target.containers?.[0]).toMatchObject({
      service: 'api',
      role: 'target',
      cpus: 0.5,
      memoryMb: 256,
    });
    expect(meta.serverSeries.map((s) => s.id)).toContain('docker.api.throttled_periods');

    const samples = readServer(dir);
    const cpu = samples
      .map((s) => s.values['docker.api.cpu_percent'])
      .filter((v): v is number => v !== undefined);
    // The seconds under load (skip the first and last, which straddle the ramp and the drain).
    const loaded = cpu.filter((v) => v > 10).slice(1, -1);
    expect(loaded.length).toBeGreaterThanOrEqual(4);
    expect(mean(loaded)).toBeGreaterThan(35);
    expect(mean(loaded)).toBeLessThan(60);
    expect(Math.max(...loaded)).toBeLessThan(70); // a quota, not a hint: never a whole core
    const throttled = samples.reduce(
      (sum, s) => sum + (s.values['docker.api.throttled_periods'] ?? 0),
      0,
    );
    expect(throttled).toBeGreaterThan(5);
    expect(await listManagedContainers(meta.id)).toEqual([]);
  }, 120_000);

  it('starts Postgres (seeded) and Redis first and injects their URLs; the endpoints using them work; all removed after', async () => {
    const context = depsServiceContext();
    try {
      env({ LOADRIG_TEST_CONTEXT: context });
      const result = await runCli(['run', join(FIXTURES, 'with-dependencies.ts'), '--out', out], {
        timeoutMs: 110_000,
      });
      expect(result.code, result.stderr + result.stdout).toBe(0); // thresholds: no failures, checks pass
      const dir = runDirOf(result.stdout);
      const meta = readMeta(dir);
      const roles = meta.target.containers?.map((c) => `${c.role}:${c.service}`).sort();
      expect(roles).toEqual(['dependency:postgres', 'dependency:redis', 'target:deps-service']);
      expect(result.stdout).toMatch(/\/items\/:id\s+GET\s+[\d,]{3,}\s+0\.00%/);
      const log = readFileSync(join(dir, 'target.log'), 'utf8');
      expect(log).toContain('[postgres] loadrig: seed SQL applied');
      expect(log).toContain('[deps-service] deps-service listening');
      expect(await listManagedContainers(meta.id)).toEqual([]);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
  }, 120_000);

  it('bridge networking: the run’s own network, 2 replicas reaching the dependencies by name, ports published on 127.0.0.1', async () => {
    const context = depsServiceContext();
    try {
      env({
        LOADRIG_TEST_CONTEXT: context,
        LOADRIG_TEST_NETWORK: 'bridge',
        LOADRIG_TEST_REPLICAS: '2',
      });
      const result = await runCli(['run', join(FIXTURES, 'with-dependencies.ts'), '--out', out], {
        timeoutMs: 110_000,
      });
      expect(result.code, result.stderr + result.stdout).toBe(0);
      const dir = runDirOf(result.stdout);
      const meta = readMeta(dir);
      expect(meta.target.containers?.map((c) => c.service).sort()).toEqual([
        'deps-service-1',
        'deps-service-2',
        'deps-service-lb',
        'postgres',
        'redis',
      ]);
      const total = (id: string): number =>
        readServer(dir).reduce((sum, s) => sum + (s.values[id] ?? 0), 0);
      expect(total('lb.deps-service-lb.requests.deps-service-1')).toBeGreaterThan(50);
      expect(total('lb.deps-service-lb.requests.deps-service-2')).toBeGreaterThan(50);
      expect(await listManagedContainers(meta.id)).toEqual([]);
      const networks = await new Docker().listNetworks({
        filters: { label: [`dev.loadrig.run=${meta.id}`] },
      });
      expect(networks).toEqual([]);
    } finally {
      delete process.env['LOADRIG_TEST_NETWORK'];
      delete process.env['LOADRIG_TEST_REPLICAS'];
      rmSync(context, { recursive: true, force: true });
    }
  }, 120_000);

  it('puts 2 replicas behind nginx and counts the requests each one got', async () => {
    env({ LOADRIG_TEST_REPLICAS: '2', LOADRIG_TEST_DURATION: '5s' });
    const result = await runCli(['run', join(FIXTURES, 'replicas.ts'), '--out', out], {
      timeoutMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const dir = runDirOf(result.stdout);
    const meta = readMeta(dir);
    expect(meta.target.replicas).toBe(2);
    const total = (id: string): number =>
      readServer(dir).reduce((sum, s) => sum + (s.values[id] ?? 0), 0);
    const one = total('lb.api-lb.requests.api-1');
    const two = total('lb.api-lb.requests.api-2');
    expect(one).toBeGreaterThan(100);
    expect(two).toBeGreaterThan(100);
    // least_conn over two equal replicas: neither gets less than a quarter.
    expect(Math.min(one, two) / (one + two)).toBeGreaterThan(0.25);
    expect(await listManagedContainers(meta.id)).toEqual([]);
  }, 120_000);

  it('--replicas 1,2 keeps one run per replica count', async () => {
    const sweepOut = join(out, 'sweep');
    env({ LOADRIG_TEST_DURATION: '2s' });
    const result = await runCli(
      ['run', join(FIXTURES, 'replicas.ts'), '--out', sweepOut, '--replicas', '1,2'],
      {
        timeoutMs: 110_000,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const runs = readdirSync(sweepOut).sort();
    expect(runs).toHaveLength(2);
    const replicas = runs.map((r) => readMeta(join(sweepOut, r)).target.replicas).sort();
    expect(replicas).toEqual([1, 2]);
    expect(runs.some((r) => r.endsWith('-1x')) && runs.some((r) => r.endsWith('-2x'))).toBe(true);
  }, 120_000);

  it('on SIGINT mid-run removes every container of the run within 10 s', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'run', join(FIXTURES, 'long-run.ts'), '--out', join(out, 'sigint')],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const loading = await waitUntilAsync(() => Promise.resolve(output.includes('› load')), 60_000);
    expect(loading, output).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500)); // load is flowing
    const running = (await listManagedContainers()).filter((c) => c.ownerPid === child.pid);
    expect(running.map((c) => c.role).sort()).toEqual([
      'dependency',
      'load-balancer',
      'target',
      'target',
    ]);
    const runId = running[0]?.runId ?? '';
    child.kill('SIGINT');
    const t0 = performance.now();
    const gone = await waitUntilAsync(
      async () => (await listManagedContainers(runId)).length === 0,
      10_000,
    );
    const elapsedMs = performance.now() - t0;
    expect(gone, `containers still there after ${elapsedMs} ms`).toBe(true);
    expect(await closed, output).toBe(130);
  }, 120_000);

  it('after SIGKILL, loadrig ps shows the leftovers, loadrig clean removes them, ps shows none', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'run', join(FIXTURES, 'long-run.ts'), '--out', join(out, 'sigkill')],
      {
        stdio: 'ignore',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    const closed = new Promise((resolve) => child.on('close', resolve));
    let runId = '';
    const started = await waitUntilAsync(async () => {
      const mine = (await listManagedContainers()).filter((c) => c.ownerPid === child.pid);
      runId = mine[0]?.runId ?? '';
      return mine.length === 4;
    }, 60_000);
    expect(started).toBe(true);
    child.kill('SIGKILL');
    await closed;
    const before = await runCli(['ps']);
    expect(before.stdout).toContain(runId);
    expect(before.stdout).toMatch(/leftover/);
    const clean = await runCli(['clean']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout.match(new RegExp(`removed .*run ${runId}`, 'g'))).toHaveLength(4);
    const after = await runCli(['ps']);
    expect(after.stdout).not.toContain(runId);
    expect(await listManagedContainers(runId)).toEqual([]);
  }, 120_000);

  describe('start-up failures: a clear error, exit code 3, nothing left running', () => {
    let blocker: Server;
    let blockedPort = 0;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      blockedPort = (blocker.address() as { port: number }).port;
    });
    afterAll(() => blocker.close());

    const cases = [
      {
        kind: 'missing-image',
        message: /image "loadrig\/does-not-exist:1" of "ghost" is not on this machine/,
      },
      {
        kind: 'never-healthy',
        message: /target "sick" did not answer GET http:\/\/127\.0\.0\.1:\d+\/nope within 3000 ms/,
      },
      {
        kind: 'port-in-use',
        message: () =>
          new RegExp(`cannot use port ${blockedPort} on 127\\.0\\.0\\.1: it is already in use`),
      },
    ];
    for (const c of cases) {
      it(
        c.kind,
        async () => {
          env({ LOADRIG_TEST_BROKEN: c.kind, LOADRIG_TEST_PORT: String(blockedPort) });
          const runsDir = join(out, c.kind);
          const result = await runCli(['run', join(FIXTURES, 'broken.ts'), '--out', runsDir], {
            timeoutMs: 60_000,
          });
          expect(result.code, result.stderr).toBe(3);
          expect(result.stderr).toMatch(typeof c.message === 'function' ? c.message() : c.message);
          const runId = readdirSync(runsDir)[0] ?? '';
          expect(existsSync(join(runsDir, runId, 'run.json'))).toBe(true);
          expect(await listManagedContainers(runId)).toEqual([]);
        },
        90_000,
      );
    }
  });
});

describe.skipIf(gate.skip)('docker provider lifecycle', () => {
  const provider = new DockerProvider();
  const tempDir = useTempDirs();
  const runDir = (): { logFile: string; runId: string } => {
    const dir = tempDir('loadrig-docker-run-');
    return { logFile: join(dir, 'target.log'), runId: basename(dir) };
  };

  for (const health of [{ log: 'listening on' }, { port: true as const }]) {
    it(`waits for ${'log' in health ? 'a log line' : 'the port'}, then serves and is removed on stop`, async () => {
      const { logFile, runId } = runDir();
      const running = await provider.start(
        target({ name: 'api', image: 'loadrig/sample-api', health }),
        { logFile },
      );
      try {
        const response = await fetch(`${running.baseUrl}/health`);
        expect(response.status).toBe(200);
        expect((await listManagedContainers(runId)).map((c) => c.service)).toEqual(['api']);
      } finally {
        await running.stop();
      }
      expect(await listManagedContainers(runId)).toEqual([]);
      expect(readFileSync(logFile, 'utf8')).toMatch(/^\[api\] sample-api listening on/m);
    }, 60_000);
  }

  it('gives a Node target a heap limit of 75 % of its memory limit', async () => {
    const { logFile } = runDir();
    const report = `console.log('heap limit MB', Math.round(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20));`;
    const server = `require('http').createServer((q, s) => s.end()).listen(process.env.PORT, process.env.HOST);`;
    const running = await provider.start(
      target({
        name: 'heap',
        image: 'loadrig/node',
        command: ['node', '-e', report + server],
        health: { log: 'heap limit MB' },
        resources: { memoryMb: 256 },
      }),
      { logFile },
    );
    await running.stop();
    expect(running.details?.resources).toEqual({ memoryMb: 256, nodeHeapLimitMb: 192 });
    // V8's limit is the old space we set plus its young generation.
    const limitMb = Number(/heap limit MB (\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1]);
    expect(limitMb).toBeGreaterThanOrEqual(192);
    expect(limitMb).toBeLessThan(256);
  }, 60_000);

  it('reports a container killed at its memory limit as out of memory', async () => {
    const { logFile, runId } = runDir();
    // Off-heap buffers, so the kernel's limit (not V8's heap limit) is what stops it.
    const server = `require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1');`;
    const hog = `const held = []; setTimeout(() => setInterval(() => held.push(Buffer.alloc(8 << 20, 1)), 20), 300);`;
    const running = await provider.start(
      target({
        name: 'hog',
        image: 'loadrig/node',
        command: ['node', '-e', server + hog],
        health: { path: '/', timeout: '20s' },
        resources: { memoryMb: 64 },
      }),
      { logFile },
    );
    try {
      const exit = await running.exited;
      expect(exit).toEqual({ code: 137, signal: 'OOMKilled' });
    } finally {
      await running.stop();
    }
    expect(readFileSync(logFile, 'utf8')).toContain(
      '[hog] loadrig: container exited with code 137 (killed: out of memory, limit of 64 MB)',
    );
    expect(await listManagedContainers(runId)).toEqual([]);
  }, 60_000);

  it('names the container, its exit code and its last lines when it dies during start-up', async () => {
    const { logFile, runId } = runDir();
    const spec = target({
      name: 'crashy',
      image: 'loadrig/node',
      command: ['node', '-e', 'console.error("boom: no config"); process.exit(7)'],
    });
    const error = await provider.start(spec, { logFile }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_TARGET_START' });
    expect((error as Error).message).toMatch(
      /container "crashy" \(image loadrig\/node\) exited with code 7 before it was ready[^]*boom: no config/,
    );
    expect(await listManagedContainers(runId)).toEqual([]);
  }, 60_000);
});

async function waitUntilAsync(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
