import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalProvider } from '../../../harness/providers/local-provider.js';
import { target, type TargetInput } from '../../../targets/target.js';
import { isAlive, waitUntil } from '../../helpers/process.js';

// Runs the compiled guardian (dist/): `npm run build` first.
const provider = new LocalProvider();
let dir: string;
let runs = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loadrig-local-provider-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
const newLog = (): string => join(dir, `target-${++runs}.log`);

/** A node one-liner target; prints `pid <n>` first so tests can find it afterwards. */
const nodeTarget = (code: string, extra: Partial<TargetInput> = {}) =>
  target({
    name: 'probe',
    command: [process.execPath, '-e', `console.log('pid ' + process.pid); ${code}`],
    health: { path: '/health', timeout: '10s', interval: '25ms' },
    stopGrace: '2s',
    ...extra,
  });

const SERVER = `require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, process.env.HOST);`;

async function loggedPids(logFile: string, label = 'pid'): Promise<number[]> {
  const text = await readFile(logFile, 'utf8');
  return [...text.matchAll(new RegExp(`^${label} (\\d+)$`, 'gm'))].map((m) => Number(m[1]));
}

describe('LocalProvider', () => {
  it('starts a target on a free port with PORT and HOST set, and stop() leaves no process', async () => {
    const logFile = newLog();
    const running = await provider.start(nodeTarget(SERVER), { logFile });
    expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${running.baseUrl}/health`)).text()).toBe('ok');
    const [first] = running.metricSources;
    const source = first?.kind === 'process' ? first : undefined;
    expect(source).toMatchObject({ kind: 'process', label: 'probe' });
    // The metric source is the real target, not the guardian.
    expect(await loggedPids(logFile)).toEqual([source?.pid]);
    expect(running.command?.[0]).toBe(process.execPath);
    await running.stop();
    expect(isAlive(source?.pid ?? 0)).toBe(false);
    await running.stop(); // idempotent
  });

  it('passes spec.env and NODE_OPTIONS through to the target', async () => {
    const logFile = newLog();
    const code = `console.log('env ' + process.env.GREETING + ' ' + process.env.NODE_OPTIONS); ${SERVER}`;
    const spec = nodeTarget(code, {
      env: { GREETING: 'hi', NODE_OPTIONS: '--max-old-space-size=100' },
    });
    await using _running = await provider.start(spec, { logFile });
    expect(await readFile(logFile, 'utf8')).toContain('env hi --max-old-space-size=100');
  });

  it('redacts secrets in target.log as in run files, on stdout and stderr, to the last line', async () => {
    const logFile = newLog();
    const code = [
      `console.log('boot API_TOKEN=tok-123 user=ann');`,
      `console.error('Authorization: Bearer abc.def.ghi');`,
      `process.stdout.write('db postgres://app:hunter2@127.0.0.1/x\\nplain line ünïcode\\n');`,
      `setTimeout(() => { process.stdout.write('last DB_PASSWORD=pw-9 no newline'); process.exit(0); }, 300);`,
      SERVER,
    ].join(' ');
    const running = await provider.start(nodeTarget(code), { logFile });
    await running.exited;
    await running.stop();
    const log = await readFile(logFile, 'utf8');
    for (const secret of ['tok-123', 'abc.def.ghi', 'hunter2', 'pw-9']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('boot API_TOKEN=[REDACTED] user=ann');
    expect(log).toContain('Authorization: [REDACTED]');
    expect(log).toContain('db postgres://app:[REDACTED]@127.0.0.1/x');
    expect(log).toContain('plain line ünïcode\n');
    expect(log).toMatch(/last DB_PASSWORD=\[REDACTED\] no newline$/);
  });

  it('fails with E_TARGET_UNHEALTHY naming the URL and the timeout, and kills the target', async () => {
    const logFile = newLog();
    const spec = nodeTarget('setInterval(() => {}, 1000);', {
      health: { path: '/health', timeout: 1500, interval: '50ms' },
    });
    const failure = provider.start(spec, { logFile });
    await expect(failure).rejects.toMatchObject({
      code: 'E_TARGET_UNHEALTHY',
      message: expect.stringMatching(
        /^target "probe" did not answer GET http:\/\/127\.0\.0\.1:\d+\/health within 1500 ms \(last error ECONNREFUSED\)$/,
      ) as string,
      hint: `check its log: ${logFile}`,
    });
    const [pid] = await loggedPids(logFile);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid ?? 0, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('fails fast with E_TARGET_EXITED quoting the exit code and the log', async () => {
    const logFile = newLog();
    const spec = nodeTarget(`console.error('config file missing'); process.exit(3);`);
    const started = performance.now();
    await expect(provider.start(spec, { logFile })).rejects.toMatchObject({
      code: 'E_TARGET_EXITED',
      message: expect.stringMatching(
        /exited with code 3 during start-up[^]*\| config file missing/,
      ) as string,
      hint: expect.stringContaining(logFile) as string,
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('says the shell did not find a command (exit 127)', async () => {
    const spec = target({ name: 'probe', command: 'no-such-binary-loadrig --serve' });
    await expect(provider.start(spec, { logFile: newLog() })).rejects.toMatchObject({
      code: 'E_TARGET_EXITED',
      message: expect.stringContaining('with code 127') as string,
      hint: expect.stringContaining('command was not found') as string,
    });
  });

  it('fails with E_TARGET_START naming a missing binary', async () => {
    const spec = target({ name: 'probe', command: ['no-such-binary-loadrig', '--serve'] });
    await expect(provider.start(spec, { logFile: newLog() })).rejects.toMatchObject({
      code: 'E_TARGET_START',
      message: 'target "probe": command "no-such-binary-loadrig" was not found (ENOENT)',
    });
  });

  it('fails with E_TARGET_START saying to build when a compiled script is missing', async () => {
    const spec = target({ name: 'probe', command: [process.execPath, '/nowhere/dist/server.js'] });
    await expect(provider.start(spec, { logFile: newLog() })).rejects.toMatchObject({
      code: 'E_TARGET_START',
      hint: 'it is compiled output: run `npm run build` first',
    });
  });

  it('stops a whole shell target: the shell, its children, and SIGKILL after the grace period', async () => {
    const logFile = newLog();
    const stubborn = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); ${SERVER}`;
    const spec = target({
      name: 'shell',
      command: `sleep 300 & echo "child $!"; exec "${process.execPath}" -e "${stubborn}"`,
      stopGrace: '500ms',
    });
    const running = await provider.start(spec, { logFile });
    const [sleeper] = await loggedPids(logFile, 'child');
    const first = running.metricSources[0];
    const pid = first?.kind === 'process' ? first.pid : 0;
    expect(isAlive(sleeper ?? 0) && isAlive(pid)).toBe(true);
    const started = performance.now();
    await running.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(isAlive(pid)).toBe(false);
    // The orphaned sleep may linger as a zombie where PID 1 does not reap: it must not run.
    expect(await waitUntil(() => !isRunning(sleeper ?? 0), 2000)).toBe(true);
    expect(await readFile(logFile, 'utf8')).toContain('ignoring SIGTERM');
  });

  it('settles `exited` when the target dies on its own, not after stop()', async () => {
    const crashing = await provider.start(
      nodeTarget(`${SERVER} setTimeout(() => process.exit(7), 300);`),
      {
        logFile: newLog(),
      },
    );
    await expect(crashing.exited).resolves.toEqual({ code: 7, signal: null });
    await crashing.stop();

    const stopped = await provider.start(nodeTarget(SERVER), { logFile: newLog() });
    let settled = false;
    void stopped.exited.then(() => (settled = true));
    await stopped.stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
  });

  it('refuses a fixed port that is already taken', async () => {
    await using other = await provider.start(nodeTarget(SERVER), { logFile: newLog() });
    const port = Number(new URL(other.baseUrl).port);
    await expect(
      provider.start(nodeTarget(SERVER, { port }), { logFile: newLog() }),
    ).rejects.toMatchObject({
      code: 'E_TARGET_START',
      message: expect.stringContaining(`port ${port}`) as string,
    });
  });

  it('gives up on abort and leaves nothing running', async () => {
    const logFile = newLog();
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const failure = provider.start(nodeTarget('setInterval(() => {}, 1000);'), {
      logFile,
      signal: controller.signal,
    });
    // Abort once the target is up and waiting for its health check (a fixed delay raced the
    // start on a loaded machine: with no pid logged yet, the check below proved nothing).
    const poll = setInterval(() => {
      void loggedPids(logFile)
        .then((pids) => {
          if (pids.length > 0) {
            clearInterval(poll);
            controller.abort(reason);
          }
        })
        .catch(() => undefined);
    }, 50);
    await expect(failure).rejects.toBe(reason);
    clearInterval(poll);
    const [pid] = await loggedPids(logFile);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid ?? 0)).toBe(false);
  });
});

/** Alive and not a zombie. */
function isRunning(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
