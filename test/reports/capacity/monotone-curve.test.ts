import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneCurve } from '../../../reports/analysis/capacity/monotone-curve.js';

describe('monotoneCurve', () => {
  it('passes through every point and holds the end values outside them', () => {
    const c = monotoneCurve([100, 200, 300, 400], [5, 6, 20, 300]);
    expect([100, 200, 300, 400].map((x) => c.at(x))).toEqual([5, 6, 20, 300]);
    expect(c.at(50)).toBe(5);
    expect(c.at(900)).toBe(300);
  });

  it('never overshoots: rising data give a rising curve inside each interval', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.1, max: 100, noNaN: true }),
            fc.double({ min: 0, max: 100, noNaN: true }),
          ),
          {
            minLength: 2,
            maxLength: 8,
          },
        ),
        (steps) => {
          const xs: number[] = [];
          const ys: number[] = [];
          let x = 0;
          let y = 0;
          for (const [dx, dy] of steps) {
            x += dx;
            y += dy;
            xs.push(x);
            ys.push(y);
          }
          const c = monotoneCurve(xs, ys);
          let previous = -Infinity;
          for (let k = 0; k <= 200; k++) {
            const at = c.at(
              (xs[0] as number) + (((xs.at(-1) as number) - (xs[0] as number)) * k) / 200,
            );
            expect(at).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = at;
          }
        },
      ),
    );
  });

  it('crosses a level inside the segment that brackets it, and nowhere else', () => {
    const c = monotoneCurve([100, 200, 300], [10, 50, 400]);
    const x = c.crossing(1, 300);
    expect(x).toBeGreaterThan(200);
    expect(x).toBeLessThan(300);
    expect(c.at(x as number)).toBeCloseTo(300, 6);
    expect(c.crossing(0, 300)).toBeUndefined();
  });

  it('refuses xs that do not increase', () => {
    expect(() => monotoneCurve([1, 1], [1, 2])).toThrow(/strictly increasing/);
  });
});
