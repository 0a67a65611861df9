import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changePoints } from '../../../reports/analysis/history/change-points.js';
import { confirmChangePoints } from '../../../reports/analysis/history/confirm-change-points.js';
import { syntheticHistory } from './synthetic-history.js';

const defaults = { windowLen: 30, maxP: 0.001, minMagnitude: 0.05 };

describe('confirmChangePoints', () => {
  it('drops a point that only a stale one-run side supported', () => {
    // A flat history whose p50 Otava splits at 30 with the test it had while 31 was a point.
    const series = syntheticHistory({ runs: 40, seed: 10 }).map(
      (r) => r.digest.figures['latency.p50']!,
    );
    const otava = changePoints(series, defaults);
    expect(otava.map((c) => c.index)).toEqual([30]);
    expect(otava[0]?.stats.meanAfter).toBe(series[30]); // its right side is run 30 alone
    expect(confirmChangePoints(series, otava, defaults)).toEqual([]);
  });

  it('keeps Otava’s answer on the TigerBeetle series at p 0.01, magnitude 0.05, with fresh sides', () => {
    const { series } = JSON.parse(
      readFileSync(
        new URL('../../fixtures/history/otava-tigerbeetle.json', import.meta.url),
        'utf8',
      ),
    ) as { series: number[] };
    const options = { windowLen: 30, maxP: 0.01, minMagnitude: 0.05 };
    const confirmed = confirmChangePoints(series, changePoints(series, options), options);
    expect(confirmed.map((c) => c.index)).toEqual([15, 71]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(confirmed[0]?.stats.meanBefore).toBeCloseTo(mean(series.slice(0, 15)), 9);
    expect(confirmed[1]?.stats.meanAfter).toBeCloseTo(mean(series.slice(71)), 9);
  });
});
