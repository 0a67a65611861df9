import { describe, expect, it } from 'vitest';
import { ThreadVus, type ThreadVuCounts } from '../../../harness/engines/builtin/thread-vus.js';

function recorder(): { calls: [number, number | undefined][]; vus(a: number, b?: number): void } {
  const calls: [number, number | undefined][] = [];
  return { calls, vus: (a, b) => void calls.push([a, b]) };
}

const counts = (t: number, peakActive: number, peakAllocated: number): ThreadVuCounts => ({
  t,
  peakActive,
  peakAllocated,
  active: 0,
  allocated: peakAllocated,
});

describe('ThreadVus', () => {
  it('adds the threads up only once every one posted the same second', () => {
    const sink = recorder();
    const vus = new ThreadVus(2, sink);
    vus.second(0, counts(10, 3, 5));
    expect(sink.calls).toEqual([]);
    vus.second(1, counts(10, 2, 5));
    expect(sink.calls).toEqual([
      [5, 10],
      [0, 10],
    ]);
    // Thread 0's next second is not added to thread 1's previous one (3 + 2 never happened).
    vus.second(0, counts(11, 1, 5));
    expect(sink.calls).toHaveLength(2);
    vus.second(1, counts(11, 4, 5));
    expect(sink.calls.slice(2)).toEqual([
      [5, 10],
      [0, 10],
    ]);
  });

  it('counts a finished thread as empty and stops waiting for it', () => {
    const sink = recorder();
    const vus = new ThreadVus(2, sink);
    vus.second(0, counts(10, 3, 5));
    vus.finish(1);
    expect(sink.calls).toEqual([
      [3, 5],
      [0, 5],
    ]);
    vus.second(0, counts(11, 2, 5));
    expect(sink.calls.slice(2)).toEqual([
      [2, 5],
      [0, 5],
    ]);
  });
});
