import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../reports/render/downsample.js';

const seconds = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i);

describe('downsampleMinMax', () => {
  it('keeps data that already fits as is', () => {
    const grid = { t: seconds(4), series: [[1, 2, null, 4]] };
    expect(downsampleMinMax(grid, 10)).toEqual({ ...grid, bucketSec: 1 });
  });

  it('keeps a one-second spike and a one-second dip of a day at 8,000 points', () => {
    const n = 86_400;
    const flat = Array.from({ length: n }, () => 10);
    flat[46_801] = 2000; // spike
    flat[70_000] = 0.5; // dip
    const out = downsampleMinMax({ t: seconds(n), series: [flat] }, 8000);
    expect(out.t.length).toBeLessThanOrEqual(8000);
    expect(out.bucketSec).toBe(22);
    expect(Math.max(...(out.series[0] as number[]))).toBe(2000);
    expect(Math.min(...(out.series[0] as number[]))).toBe(0.5);
  });

  it('emits each bucket as two points, minimum and maximum in the order they happened', () => {
    const t = seconds(8);
    const out = downsampleMinMax(
      {
        t,
        series: [
          [1, 5, 3, 4, 9, 2, 8, 7],
          [null, null, null, null, 1, null, null, null],
        ],
      },
      4,
    );
    expect(out.bucketSec).toBe(4);
    expect(out.t).toEqual([1000, 1002, 1004, 1006]);
    expect(out.series[0]).toEqual([1, 5, 9, 2]); // min before max; then max before min
    // An all-null bucket stays a gap; a single value stands for both points.
    expect(out.series[1]).toEqual([null, null, 1, 1]);
  });

  it('puts a short last bucket on one point', () => {
    const out = downsampleMinMax({ t: seconds(5), series: [[1, 2, 3, 4, 5]] }, 4);
    expect(out.bucketSec).toBe(3);
    expect(out.t).toEqual([1000, 1001, 1003, 1004]);
    expect(out.series[0]).toEqual([1, 3, 4, 5]);
  });
});
