import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisSeries, RedisCollector } from '../../../harness/collectors/redis-collector.js';
import { componentGate } from '../../helpers/require-component.js';

// The collector below is labelled `cache`: its series are redis.cache.*.
const REDIS_SERIES = redisSeries('cache');

// .ci/run starts Debian's redis-server on 127.0.0.1:6379 and sets this URL.
const URL = process.env.LOADRIG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(): Promise<boolean> {
  const client = new Redis(URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const gate = componentGate(
  'LOADRIG_REQUIRE_REDIS',
  await reachable(),
  `Redis at ${URL} (LOADRIG_TEST_REDIS_URL)`,
);

describe.skipIf(gate.skip)('RedisCollector against a real server', () => {
  const client = new Redis(URL);
  afterAll(() => client.disconnect());

  it('reports clients, used memory, commands per second and the hit ratio from INFO', async () => {
    const collector = new RedisCollector(URL, 'cache');
    const first = await collector.sample(Date.now());
    expect(first[REDIS_SERIES.clients]).toBeGreaterThanOrEqual(1);
    expect(first[REDIS_SERIES.usedMemory]).toBeGreaterThan(100_000);
    expect(first[REDIS_SERIES.opsPerSec]).toBeUndefined(); // a rate needs two readings
    const key = `loadrig-test-${process.pid}`;
    await client.set(key, 'v');
    const started = performance.now();
    for (let i = 0; i < 200; i++) await client.get(i % 2 === 0 ? key : `${key}-missing`);
    await new Promise((r) => setTimeout(r, 200));
    const second = await collector.sample(Date.now());
    const elapsedSec = (performance.now() - started) / 1000;
    await client.del(key);
    await collector.close();
    // 201 commands of ours in the window, plus INFO; other clients may add more.
    expect(second[REDIS_SERIES.opsPerSec]).toBeGreaterThan(200 / (elapsedSec + 1));
    expect(second[REDIS_SERIES.hitRatio]).toBeGreaterThan(20);
    expect(second[REDIS_SERIES.hitRatio]).toBeLessThan(80);
    expect(second[REDIS_SERIES.clients]).toBeGreaterThanOrEqual(2);
  });

  it('reads a gap, not an error, when the server cannot be reached', async () => {
    const collector = new RedisCollector('redis://127.0.0.1:9', 'gone');
    expect(await collector.sample(Date.now())).toEqual({});
    await collector.close();
  });
});
