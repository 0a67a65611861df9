import { describe, expect, it } from 'vitest';
import { analyseHistory } from '../../../reports/analysis/history/history-analysis.js';
import { syntheticHistory } from './synthetic-history.js';

describe('analyseHistory on synthetic nightly histories', () => {
  it('finds the one p99 step of +15 % at run 25 of 40, and the newest run continues that regression', () => {
    const runs = syntheticHistory({ runs: 40, seed: 7, p99Step: { at: 25, factor: 1.15 } });
    const history = analyseHistory(runs);
    const p99 = history.groups[0]?.metrics.find((m) => m.key === 'latency.p99');
    expect(p99?.changePoints.map((c) => c.runIndex)).toEqual([25]);
    expect(p99?.changePoints[0]).toMatchObject({ direction: 'regression', runId: runs[25]?.id });
    expect(p99?.changePoints[0]?.changePercent).toBeGreaterThan(10);
    expect(p99?.newest).toBe('regression-continues');
    expect(history.regressions.map((r) => r.metric.key)).toContain('latency.p99');
    const others = history.groups[0]!.metrics.filter((m) => !m.key.startsWith('latency.p99'));
    expect(others.flatMap((m) => m.changePoints)).toEqual([]);
  });

  it('finds that one step, within two runs of 25, for every one of 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const runs = syntheticHistory({ runs: 40, seed, p99Step: { at: 25, factor: 1.15 } });
      const history = analyseHistory(runs);
      const p99 = history.groups[0]?.metrics.find((m) => m.key === 'latency.p99');
      expect(p99?.changePoints, `seed ${seed}`).toHaveLength(1);
      expect(Math.abs(p99!.changePoints[0]!.runIndex - 25), `seed ${seed}`).toBeLessThanOrEqual(2);
      expect(history.regressions.length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('finds at most one false change point over 20 flat noisy histories, every figure counted', () => {
    let falsePoints = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const history = analyseHistory(syntheticHistory({ runs: 40, seed }));
      falsePoints += history.groups[0]!.metrics.flatMap((m) => m.changePoints).length;
    }
    expect(falsePoints).toBeLessThanOrEqual(1);
  });

  it('calls a drop in latency an improvement, which fails nothing', () => {
    const runs = syntheticHistory({ runs: 40, seed: 3, p99Step: { at: 25, factor: 0.8 } });
    const history = analyseHistory(runs);
    const p99 = history.groups[0]?.metrics.find((m) => m.key === 'latency.p99');
    expect(p99?.changePoints.map((c) => [c.runIndex, c.direction])).toEqual([[25, 'improvement']]);
    expect(history.regressions).toEqual([]);
  });

  it('says the newest run starts a regression when the shift begins at it', () => {
    const runs = syntheticHistory({ runs: 40, seed: 5 });
    // Ten runs at +40 % and the newest one among them: the shift starts at run 30.
    for (const run of runs.slice(30)) run.digest.figures['latency.p99']! *= 1.4;
    const p99 = analyseHistory(runs).groups[0]?.metrics.find((m) => m.key === 'latency.p99');
    expect(p99?.changePoints.at(-1)?.runIndex).toBe(30);
    expect(p99?.newest).toBe('regression-continues');
    const startsNow = analyseHistory(runs.slice(0, 31), {
      windowLen: 30,
      maxP: 0.2,
      minMagnitude: 0.05,
    }).groups[0]?.metrics.find((m) => m.key === 'latency.p99');
    expect(startsNow?.newest).toBe('regression-starts');
  });
});
