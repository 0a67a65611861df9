import type { LocalTargetSpec, TargetSpec } from '../../targets/target.js';
import { TargetError } from '../../core/errors.js';
import { localBaseUrl } from './base-url.js';
import { assertPortFree, freePort } from './free-port.js';
import { spawnGuarded, type GuardedProcess } from './guarded-process.js';
import { checkCwd, checkNodeScript, guardianScript } from './local-start-checks.js';
import { exitedDuringStart, guardianFailed, spawnError } from './local-start-errors.js';
import { prepareLocalMetrics } from './local-metric-sources.js';
import { LocalRunningTarget } from './local-running-target.js';
import type { ProvisionContext, Provider, RunningTarget } from './provider.js';
import { waitForHttp } from './wait-for-http.js';

// The guardian reports the target's pid within milliseconds; this only bounds a wedged machine.
const STARTED_TIMEOUT_MS = 15_000;

/** Starts a target as a local child process, behind a guardian that guarantees no orphans. */
export class LocalProvider implements Provider {
  async start(spec: TargetSpec, ctx: ProvisionContext): Promise<RunningTarget> {
    if (spec.kind !== 'local') {
      throw new TargetError(
        'E_TARGET_INVALID',
        `the local provider cannot start target "${spec.name}" of kind "${spec.kind}"`,
        'pick the provider with providerFor(spec)',
      );
    }
    ctx.signal?.throwIfAborted();
    const cwd = spec.cwd ?? process.cwd();
    const guardianPath = guardianScript();
    checkCwd(spec, cwd);
    checkNodeScript(spec, cwd);
    const port = spec.port === 0 ? await freePort(spec.host) : spec.port;
    if (spec.port !== 0) await assertPortFree(spec.name, spec.host, port);
    const baseUrl = localBaseUrl(spec.host, port);
    const metrics = await prepareLocalMetrics(spec, { ...process.env, ...spec.env });

    const guarded = spawnGuarded({
      guardianPath,
      command: spec.command,
      graceMs: spec.stopGraceMs,
      cwd,
      env: { ...process.env, ...spec.env, ...metrics.env, PORT: String(port), HOST: spec.host },
      logFile: ctx.logFile,
    });
    try {
      const pid = await this.#awaitPid(spec, guarded, ctx);
      const failFast = guarded.exited.then(async (exit): Promise<never> => {
        throw await exitedDuringStart(spec, baseUrl + spec.health.path, exit, ctx.logFile);
      });
      failFast.catch(() => {}); // only start-up listens; a later exit is `exited`'s business
      await waitForHttp({
        name: spec.name,
        baseUrl,
        health: spec.health,
        logFile: ctx.logFile,
        failFast,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const argv =
        typeof spec.command === 'string' ? ['/bin/sh', '-c', spec.command] : spec.command;
      return new LocalRunningTarget(spec.name, baseUrl, argv, pid, guarded, metrics);
    } catch (err) {
      await guarded.stop();
      await metrics.cleanup();
      throw err;
    }
  }

  async #awaitPid(
    spec: LocalTargetSpec,
    guarded: GuardedProcess,
    ctx: ProvisionContext,
  ): Promise<number> {
    const outcome = await withDeadline(guarded.started, STARTED_TIMEOUT_MS, ctx.signal);
    switch (outcome.kind) {
      case 'started':
        return outcome.pid;
      case 'spawn-error':
        throw spawnError(spec, outcome.code, outcome.message);
      case 'guardian-exited':
        throw guardianFailed(spec, outcome.exit, ctx.logFile);
      case 'timeout':
        throw new TargetError(
          'E_TARGET_START',
          `target "${spec.name}": loadrig's guardian did not report the target's pid within ${STARTED_TIMEOUT_MS} ms`,
          `the machine may be overloaded; see ${ctx.logFile}`,
        );
    }
  }
}

function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<T | { kind: 'timeout' }> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => resolve({ kind: 'timeout' })), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    promise.then(
      (value) => finish(() => resolve(value)),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}
