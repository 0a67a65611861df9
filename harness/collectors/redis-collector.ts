import { seriesDescriber } from './series-describer.js';
import { Redis } from 'ioredis';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { CounterRates } from './counter-rates.js';
import { parseRedisInfo } from './redis-info.js';

export const REDIS_SERIES = {
  clients: 'redis.connected_clients',
  blockedClients: 'redis.blocked_clients',
  usedMemory: 'redis.used_memory_bytes',
  opsPerSec: 'redis.ops_per_sec',
  hitRatio: 'redis.keyspace_hit_percent',
} as const;

/**
 * Redis from `INFO` once a tick: connected and blocked clients, used memory, commands per
 * second (from total_commands_processed over the tick, not Redis's own 16-sample estimate) and
 * the keyspace hit ratio over the tick. The collector's own connection is one of the clients.
 */
export class RedisCollector implements Collector {
  readonly series: ServerSeriesInfo[];
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
    this.series = [
      info(REDIS_SERIES.clients, 'connected clients', 'count'),
      info(REDIS_SERIES.blockedClients, 'blocked clients', 'count'),
      info(REDIS_SERIES.usedMemory, 'used memory', 'bytes'),
      info(REDIS_SERIES.opsPerSec, 'commands/s', 'count'),
      info(REDIS_SERIES.hitRatio, 'keyspace hit ratio', 'percent'),
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
    const values: Record<string, number> = {};
    const copy = (id: string, key: string): void => {
      if (info[key] !== undefined) values[id] = info[key];
    };
    copy(REDIS_SERIES.clients, 'connected_clients');
    copy(REDIS_SERIES.blockedClients, 'blocked_clients');
    copy(REDIS_SERIES.usedMemory, 'used_memory');
    if (rates['commands'] !== undefined) values[REDIS_SERIES.opsPerSec] = rates['commands'];
    const lookups = (deltas['hits'] ?? 0) + (deltas['misses'] ?? 0);
    if (lookups > 0) values[REDIS_SERIES.hitRatio] = ((deltas['hits'] ?? 0) / lookups) * 100;
    return values;
  }

  async close(): Promise<void> {
    this.#client.disconnect();
  }
}
