import type * as Influx from 'influx';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../../harness/sinks/influxdb/batch-writer.js';

const point = (i: number): Influx.IPoint => ({ measurement: 'm', fields: { value: i } });
const opts = { batchSize: 3, maxQueued: 100, attempts: 3, backoffMs: 5 };

describe('BatchWriter', () => {
  it('sends in order, in batches, and returns from enqueue before any send completes', async () => {
    const sent: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = new BatchWriter(async (points) => {
      await gate;
      sent.push(points.map((p) => p.fields!['value'] as number));
    }, opts);
    w.enqueue([0, 1, 2, 3].map(point));
    w.enqueue([4].map(point));
    expect(sent).toEqual([]); // nothing waited for the network
    release();
    const stats = await w.drain(Date.now() + 1000);
    expect(sent).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(stats).toMatchObject({ pointsWritten: 5, pointsDropped: 0, failedWrites: 0 });
  });

  it('retries a failed batch with back-off, then gives it up, counted and reported', async () => {
    const problems: string[] = [];
    let calls = 0;
    const times: number[] = [];
    const w = new BatchWriter(
      async () => {
        calls++;
        times.push(Date.now());
        throw new Error('connect ECONNREFUSED');
      },
      opts,
      (kind) => problems.push(kind),
    );
    w.enqueue([1, 2].map(point));
    const stats = await w.drain(Date.now() + 2000);
    expect(calls).toBe(3);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(times[1]! - times[0]!); // doubling waits
    expect(stats).toMatchObject({
      pointsWritten: 0,
      pointsDropped: 2,
      failedWrites: 3,
      lastError: 'connect ECONNREFUSED',
    });
    expect(problems).toEqual(['retrying', 'retrying', 'dropped']);
  });

  it('recovers when a retry succeeds', async () => {
    let calls = 0;
    const w = new BatchWriter(async () => {
      if (++calls === 1) throw new Error('timeout');
    }, opts);
    w.enqueue([1].map(point));
    expect(await w.drain(Date.now() + 1000)).toMatchObject({ pointsWritten: 1, failedWrites: 1 });
  });

  it('drops the oldest points beyond its queue limit, and what is left at the deadline', async () => {
    const w = new BatchWriter(() => new Promise<void>(() => {}), { ...opts, maxQueued: 4 });
    // Ten over a limit of four: the six oldest go at once; of the rest, three are in a send
    // that never returns and one waits behind it, both lost at the deadline.
    w.enqueue([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(point));
    const stats = await w.drain(Date.now() + 50);
    expect(stats.pointsDropped).toBe(6 + 3 + 1);
    expect(stats.pointsWritten).toBe(0);
  });
});
