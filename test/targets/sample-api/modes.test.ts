import { afterEach, describe, expect, it } from 'vitest';
import { createSampleApi, type SampleApi } from '../../../targets/sample-api/app.js';
import { parseSampleApiConfig } from '../../../targets/sample-api/config.js';
import { poolStats } from '../../../targets/sample-api/modes/pool.js';

let api: SampleApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(env: Record<string, string>): Promise<string> {
  api = createSampleApi(parseSampleApiConfig({ PORT: '0', ...env }));
  await new Promise<void>((resolve) => api?.server.listen(0, '127.0.0.1', resolve));
  const address = api.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const get = async (url: string): Promise<number> => (await fetch(url)).status;

describe('sample API modes', () => {
  it('pool: requests beyond the pool size wait their turn (FIFO), /health does not', async () => {
    const base = await start({ SAMPLE_API_MODE: 'pool', POOL_SIZE: '2', POOL_HOLD_MS: '60' });
    const started = performance.now();
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        expect(await get(`${base}/fast`)).toBe(200);
        finished.push(performance.now() - started);
      }),
    );
    finished.sort((a, b) => a - b);
    // 6 requests through 2 connections held 60 ms each: three waves.
    expect(finished[5]).toBeGreaterThanOrEqual(170);
    expect(finished[0]).toBeLessThan(finished[5]! - 90);
    expect(poolStats.waiting).toBe(0);
    const health = performance.now();
    expect(await get(`${base}/health`)).toBe(200);
    expect(performance.now() - health).toBeLessThan(50);
  });

  it('cpu: every request costs CPU_MS of CPU in the server', async () => {
    const base = await start({ SAMPLE_API_MODE: 'cpu', CPU_MS: '20' });
    const before = process.cpuUsage();
    for (let i = 0; i < 5; i++) expect(await get(`${base}/fast`)).toBe(200);
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeGreaterThanOrEqual(90);
  });

  it('block: every BLOCK_EVERY-th request holds the event loop for BLOCK_MS', async () => {
    const base = await start({ SAMPLE_API_MODE: 'block', BLOCK_EVERY: '3', BLOCK_MS: '80' });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await get(`${base}/fast`);
      times.push(performance.now() - started);
    }
    expect(times[2]).toBeGreaterThanOrEqual(75);
    expect(Math.max(times[0]!, times[1]!)).toBeLessThan(60);
  });

  it('periodic-block: a timer stalls the loop for PERIODIC_BLOCK_MS every PERIODIC_BLOCK_EVERY_MS, until closed', async () => {
    // The API runs in this process: a 5 ms ticker here sees its stalls.
    const stalls = async (ms: number): Promise<number[]> => {
      const at: number[] = [];
      let last = performance.now();
      const started = last;
      await new Promise<void>((resolve) => {
        const ticker = setInterval(() => {
          const now = performance.now();
          if (now - last > 60) at.push(now - started);
          last = now;
          if (now - started > ms) resolve(clearInterval(ticker));
        }, 5);
      });
      return at;
    };
    const base = await start({
      SAMPLE_API_MODE: 'periodic-block',
      PERIODIC_BLOCK_MS: '80',
      PERIODIC_BLOCK_EVERY_MS: '300',
    });
    expect(await get(`${base}/fast`)).toBe(200);
    const during = await stalls(1300);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const gaps = during.slice(1).map((t, i) => t - during[i]!);
    for (const gap of gaps) expect(Math.abs(gap - 300)).toBeLessThan(60);
    await api?.close();
    api = undefined;
    expect(await stalls(700)).toEqual([]);
  });

  it('leak: heap grows with requests and stays grown', async () => {
    const base = await start({ SAMPLE_API_MODE: 'leak', LEAK_BYTES_PER_REQUEST: '262144' });
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 60; i++) await get(`${base}/fast`);
    // 60 x 256 KiB retained, in the same process as the test.
    expect(process.memoryUsage().heapUsed - before).toBeGreaterThan(10 * 1024 * 1024);
  });
});
