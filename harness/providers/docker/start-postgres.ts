import pg from 'pg';
import type { PostgresSpec } from '../../../targets/dependencies/dependency.js';
import { TargetError } from '../../../core/errors.js';
import { BRIDGE_PORTS } from './run-network.js';
import { pollUntilReady } from './poll-until-ready.js';
import { ReadinessWaitStrategy } from './readiness-wait-strategy.js';
import { startContainer } from './start-container.js';
import type { DependencyStart, StartedDependency } from './dependency-start.js';
import { limitsOf } from './started-service.js';

export function postgresUrl(spec: PostgresSpec, port: number, host = '127.0.0.1'): string {
  const auth = `${encodeURIComponent(spec.user)}:${encodeURIComponent(spec.password)}`;
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(spec.database)}`;
}

async function query(url: string, sql: string, signal?: AbortSignal): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const onAbort = (): void => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

/** Starts PostgreSQL on 127.0.0.1:port, ready when a real connection runs `SELECT 1`, then seeds it. */
export async function startPostgres(
  spec: PostgresSpec,
  how: DependencyStart,
): Promise<StartedDependency> {
  const { port, image, runId, logs, signal, network } = how;
  const url = postgresUrl(spec, port);
  const what = { service: spec.name, image, logFile: logs.file };
  const check = {
    wait: (failFast: Promise<never>) =>
      pollUntilReady({
        what: `postgres "${spec.name}" (image ${image}) accepting connections on 127.0.0.1:${port}`,
        timeoutMs: spec.readyTimeoutMs,
        attempt: (attemptSignal) => query(url, 'SELECT 1', attemptSignal),
        // 28000 / 28P01: refused by pg_hba.conf or a wrong password; waiting will not help.
        isFatal: (err) => ['28000', '28P01'].includes(String((err as { code?: unknown }).code)),
        failFast,
        hint: `see its log: ${logs.file}`,
      }),
  };
  const container = await startContainer(
    {
      identity: { runId, role: 'dependency', service: spec.name, port },
      image,
      // The official image's interface: its entrypoint initialises, then runs `postgres <args>`.
      command: network
        ? ['postgres', '-p', String(BRIDGE_PORTS.postgres), '-c', 'listen_addresses=*']
        : ['postgres', '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
      env: {
        POSTGRES_USER: spec.user,
        POSTGRES_PASSWORD: spec.password,
        POSTGRES_DB: spec.database,
      },
      ...(spec.resources ? { resources: spec.resources } : {}),
      wait: new ReadinessWaitStrategy(check, what, spec.readyTimeoutMs, signal),
      startupTimeoutMs: spec.readyTimeoutMs,
      ...(network ? { network: { name: network.name, containerPort: BRIDGE_PORTS.postgres } } : {}),
      ...(signal ? { signal } : {}),
    },
    logs,
  );
  const started = {
    service: spec.name,
    role: 'dependency' as const,
    image,
    port,
    container,
    ...limitsOf(spec.resources),
    urlEnv: spec.urlEnv,
    url: network ? postgresUrl(spec, BRIDGE_PORTS.postgres, network.hostOf(spec.name)) : url,
    hostUrl: url,
  };
  if (spec.seedSql !== undefined) {
    try {
      await query(url, spec.seedSql);
      logs.note(spec.name, `loadrig: seed SQL applied (${spec.seedSql.length} characters)`);
    } catch (err) {
      await container.stop({ remove: true, removeVolumes: true }).catch(() => undefined);
      throw new TargetError(
        'E_TARGET_START',
        `postgres "${spec.name}": the seed SQL failed: ${(err as Error).message}`,
        'fix the seed SQL given to postgres({ seed })',
        { cause: err },
      );
    }
  }
  return started;
}
