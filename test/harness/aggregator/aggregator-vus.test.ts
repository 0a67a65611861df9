import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';

describe('Aggregator VU accounting', () => {
  it('records the most VUs busy at once in each second, so short open-model iterations show', () => {
    const agg = new Aggregator();
    // Three arrivals overlap for a moment, then every VU is idle again before the second ends.
    agg.vus(1, 5);
    agg.vus(2, 5);
    agg.vus(3, 5);
    agg.vus(2, 5);
    agg.vus(0, 5);
    expect(agg.flush(1).vus).toBe(3);
    // A quiet second: nothing busy at its start, nothing during it.
    expect(agg.flush(2).vus).toBe(0);
    // VUs that stay busy across the boundary count in the next second too.
    agg.vus(4, 5);
    expect(agg.flush(3).vus).toBe(4);
    expect(agg.flush(4).vus).toBe(4);
  });

  it('writes the allocated VUs as vus_max in every second that had any', () => {
    const agg = new Aggregator();
    agg.counter('http_reqs', {}, 1);
    expect(agg.flush(1).metrics['vus_max']).toBeUndefined();
    agg.vus(0, 5);
    agg.vus(1, 6);
    agg.vus(0, 6);
    expect(agg.flush(2).metrics['vus_max']).toEqual([
      { kind: 'gauge', tags: {}, value: 6, min: 6, max: 6 },
    ]);
    // Nothing changed: the pool is still there, and still said.
    expect(agg.flush(3).metrics['vus_max']?.[0]).toMatchObject({ value: 6 });
    // VUs retired during a second still count in it; after that, there is nothing to say.
    agg.vus(0, 0);
    expect(agg.flush(4).metrics['vus_max']?.[0]).toMatchObject({ value: 6 });
    expect(agg.flush(5).metrics['vus_max']).toBeUndefined();
  });

  it('leaves vus_max to the main thread in a worker, and says its counts', () => {
    const worker = new Aggregator({ percentiles: false, vusMax: false });
    worker.vus(2, 4);
    worker.vus(1, 7);
    expect([worker.active, worker.allocated, worker.allocatedPeak]).toEqual([1, 7, 7]);
    const bucket = worker.flush(1);
    expect(bucket.metrics['vus_max']).toBeUndefined();
    expect(bucket.vus).toBe(2);
  });
});
