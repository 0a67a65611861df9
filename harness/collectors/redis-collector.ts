import { dependencySeries, seriesDescriber } from './series-describer.js';
import { Redis } from 'ioredis';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { CounterRates } from './counter-rates.js';
import { parseRedisInfo } from './redis-info.js';

/** The series of one Redis, by metric: `redis.<name>.<metric>`. */
export const REDIS_METRICS = {
  clients: 'connected_clients',
  blockedClients: 'blocked_clients',
  usedMemory: 'used_memory_bytes',
  opsPerSec: 'ops_per_sec',
  hitRatio: 'keyspace_hit_percent',
} as const;

/** The series ids of the Redis called `name` (see postgresSeries). */
export function redisSeries(name: string): Record<keyof typeof REDIS_METRICS, string> {
  return dependencySeries('redis', name, REDIS_METRICS);
}

/**
 * Redis from `INFO` once a tick: connected and blocked clients, used memory, commands per
 * second (from total_commands_processed over the tick, not Redis's own 16-sample estimate) and
 * the keyspace hit ratio over the tick. The collector's own connection is one of the clients.
 */
export class RedisCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  readonly ids: Record<keyof typeof REDIS_METRICS, string>;
  readonly #client: Redis;
  readonly #rates: CounterRates;

  constructor(
    readonly url: string,
    readonly label: string,
    clockMs: () => number = () => performance.now(),
  ) {
    this.#rates = new CounterRates(clockMs);
    this.#client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 800,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectionName: 'loadrig-collector',
      retryStrategy: () => 1000,
    });
    this.#client.on('error', () => undefined);
    const source = `redis ${label}`;
    const info = seriesDescriber(label, source);
    const ids = (this.ids = redisSeries(label));
    this.series = [
      info(ids.clients, 'connected clients', 'count'),
      info(ids.blockedClients, 'blocked clients', 'count'),
      info(ids.usedMemory, 'used memory', 'bytes'),
      info(ids.opsPerSec, 'commands/s', 'count'),
      info(ids.hitRatio, 'keyspace hit ratio', 'percent'),
    ];
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    let info: Record<string, number>;
    try {
      if (this.#client.status === 'wait') await this.#client.connect();
      info = parseRedisInfo(await this.#client.info());
    } catch {
      return {}; // unreachable this tick: a gap; ioredis reconnects on its own
    }
    const { rates, deltas } = this.#rates.next({
      commands: info['total_commands_processed'] ?? NaN,
      hits: info['keyspace_hits'] ?? NaN,
      misses: info['keyspace_misses'] ?? NaN,
    });
    const ids = this.ids;
    const values: Record<string, number> = {};
    const copy = (id: string, key: string): void => {
      if (info[key] !== undefined) values[id] = info[key];
    };
    copy(ids.clients, 'connected_clients');
    copy(ids.blockedClients, 'blocked_clients');
    copy(ids.usedMemory, 'used_memory');
    if (rates['commands'] !== undefined) values[ids.opsPerSec] = rates['commands'];
    const lookups = (deltas['hits'] ?? 0) + (deltas['misses'] ?? 0);
    if (lookups > 0) values[ids.hitRatio] = ((deltas['hits'] ?? 0) / lookups) * 100;
    return values;
  }

  async close(): Promise<void> {
    this.#client.disconnect();
  }
}
