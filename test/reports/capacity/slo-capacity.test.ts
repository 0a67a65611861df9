import { describe, expect, it } from 'vitest';
import { stepsOfRun } from '../../../reports/analysis/capacity/capacity-step.js';
import { parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { latencyCurve, sloCapacity } from '../../../reports/analysis/capacity/slo-capacity.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import { earlyStopReason } from '../../../reports/analysis/capacity/early-stop.js';
import { flat, steppedRun, type SyntheticStep } from './stepped-run.js';

const slo = parseSlo('p(99)<300');
const steps = (list: SyntheticStep[]) =>
  stepsOfRun(steppedRun(list), { slo, steadiness: DEFAULT_STEADINESS });

describe('sloCapacity', () => {
  it('interpolates between the last step within the SLO and the first beyond it', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 100 },
      { level: 4, perSecond: flat(300), p99Ms: 500 },
      { level: 8, perSecond: flat(320), p99Ms: 2000 },
    ]);
    const c = sloCapacity(s, slo);
    expect(c.method).toBe('interpolated');
    expect(c.lastMet).toBe(1);
    expect(c.firstBroken).toBe(2);
    expect(c.perSec).toBeGreaterThan(200);
    expect(c.perSec).toBeLessThan(300);
  });

  it('stops at the last step within the SLO when the next one broke it without more throughput', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 100 },
      { level: 4, perSecond: flat(195), p99Ms: 900 },
    ]);
    expect(sloCapacity(s, slo)).toMatchObject({ method: 'last-step-met', perSec: 200, lastMet: 1 });
  });

  it('a step broken by errors is not interpolated on latency', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(400), p99Ms: 30, failed: 0.2 },
    ]);
    expect(sloCapacity(s, slo)).toMatchObject({ method: 'last-step-met', perSec: 100 });
  });

  it('all steps within the SLO: the highest throughput, as a lower bound', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 30 },
    ]);
    expect(sloCapacity(s, slo)).toMatchObject({ method: 'all-steps-met', perSec: 200 });
  });

  it('never met: no throughput, and the later steps that met it are listed', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 400 },
      { level: 2, perSecond: flat(200), p99Ms: 30 },
    ]);
    expect(sloCapacity(s, slo)).toMatchObject({
      method: 'never-met',
      perSec: null,
      metAgainAfterBreak: [1],
    });
  });

  it('the latency curve follows the rising branch only', () => {
    const s = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 100 },
      { level: 4, perSecond: flat(150), p99Ms: 900 },
    ]);
    const curve = latencyCurve(s);
    expect(curve.throughput[0]).toBe(100);
    expect(curve.throughput.at(-1)).toBe(200);
    expect(curve.value.at(-1)).toBeCloseTo(s[1]?.sloValue as number, 6);
  });
});

describe('earlyStopReason', () => {
  it('stops once the SLO is clearly broken and throughput stopped rising', () => {
    const rising = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 500 },
    ]);
    expect(earlyStopReason(rising, slo)).toBeUndefined();
    const flatTop = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(200), p99Ms: 200 },
      { level: 4, perSecond: flat(204), p99Ms: 500 },
    ]);
    expect(earlyStopReason(flatTop, slo)).toMatch(
      /^at 4 VUs p\(99\) was 500 \(limit 300\) and throughput \(204 req\/s\) no longer rose above 200 req\/s$/,
    );
    const barelyBroken = steps([
      { level: 1, perSecond: flat(100), p99Ms: 20 },
      { level: 2, perSecond: flat(100), p99Ms: 320 },
    ]);
    expect(earlyStopReason(barelyBroken, slo)).toBeUndefined();
  });
});
