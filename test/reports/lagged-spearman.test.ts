import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { laggedPairs } from '../../reports/analysis/correlation/align.js';
import { laggedSpearman, valueOrder } from '../../reports/analysis/stats/lagged-spearman.js';
import { seeded } from './detectors/synthetic-run.js';

describe('laggedSpearman', () => {
  it('equals Spearman computed from scratch on the lagged pairs, with gaps and ties', () => {
    const random = seeded(5);
    const x = Array.from({ length: 400 }, (_, i) =>
      i % 17 === 0 ? null : Math.round(random() * 50),
    );
    const y = Array.from({ length: 400 }, (_, i) =>
      i % 23 === 0 ? null : Math.round((x[i - 2] ?? 0) + random() * 20),
    );
    const xo = valueOrder(x);
    const yo = valueOrder(y);
    for (const lag of [-5, -2, 0, 1, 2, 5]) {
      const pairs = laggedPairs(x, y, lag);
      expect(laggedSpearman(x, y, lag, xo, yo)).toBeCloseTo(
        sampleRankCorrelation(pairs.x, pairs.y),
        12,
      );
    }
  });
});
