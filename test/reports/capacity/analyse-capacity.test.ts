import { describe, expect, it } from 'vitest';
import {
  analyseCapacity,
  type CapacityInput,
} from '../../../reports/analysis/capacity/analyse-capacity.js';
import { parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import { DEFAULT_FIT_RULES } from '../../../reports/analysis/capacity/usl-summary.js';
import { uslThroughput } from '../../../reports/analysis/capacity/usl.js';
import { truth, uslRun } from './stepped-run.js';

function input(groups: CapacityInput['groups'], extra: Partial<CapacityInput> = {}): CapacityInput {
  return {
    groups,
    sweepSetting: null,
    slo: parseSlo('p(99)<100'),
    targetRatePerSec: null,
    headroom: 0.3,
    steadiness: DEFAULT_STEADINESS,
    fit: { ...DEFAULT_FIT_RULES, resamples: 50 },
    ...extra,
  };
}

describe('analyseCapacity', () => {
  it('recovers the USL of the steps and answers for a target rate with headroom', () => {
    const a = analyseCapacity(
      input([{ label: 'one instance', instances: 1, runs: [uslRun()] }], {
        targetRatePerSec: 3000,
      }),
    );
    const usl = a.groups[0]?.usl;
    expect(usl?.sigma.value).toBeCloseTo(truth.sigma, 2);
    expect(usl?.kappa.value).toBeCloseTo(truth.kappa, 3);
    expect(usl?.rSquared).toBeGreaterThan(0.999);
    expect(usl?.extrapolate).toBe(true);
    expect(usl?.sigma.low).toBeLessThanOrEqual(usl?.sigma.value as number);
    expect(usl?.sigma.high).toBeGreaterThanOrEqual(usl?.sigma.value as number);
    // p99 = 10 ms × N: the SLO of 100 ms breaks between N = 8 and N = 16.
    const slo = a.groups[0]?.slo;
    expect(slo?.method).toBe('interpolated');
    expect(slo?.perSec).toBeGreaterThan(uslThroughput(truth, 8) - 1);
    expect(slo?.perSec).toBeLessThan(uslThroughput(truth, 16) + 1);
    const plan = (slo?.perSec as number) * 0.7;
    expect(a.answer).toMatchObject({
      status: 'answered',
      instances: Math.ceil(3000 / plan),
      basis: 'one-instance-linear',
    });
    expect(a.answer.sentence).toMatch(
      /^\d+ instances of this size serve 3,000 req\/s within p\(99\)<100 ms with 30 % headroom/,
    );
    expect(a.notes.join(' ')).toMatch(/monotone cubic/);
    expect(a.notes.join(' ')).toMatch(/same 2-core machine/);
  });

  it('refuses to extrapolate with fewer than 6 steps, and says why', () => {
    const run = uslRun();
    run.meta.phases = run.meta.phases.slice(0, 10); // five steps: ramp + hold each
    const a = analyseCapacity(input([{ label: 'one', instances: 1, runs: [run] }]));
    expect(a.groups[0]?.steps).toHaveLength(5);
    expect(a.groups[0]?.usl).toMatchObject({ extrapolate: false });
    expect(a.groups[0]?.usl?.refusal).toMatch(/5 steps, fewer than 6/);
  });

  it('says so, with exit status slo-never-met, when no step meets the SLO', () => {
    const a = analyseCapacity(
      input([{ label: 'one', instances: 1, runs: [uslRun()] }], { slo: parseSlo('p(99)<5') }),
    );
    expect(a.answer.status).toBe('slo-never-met');
    expect(a.answer.sentence).toMatch(
      /^No measured step met p\(99\)<5 ms: at the lowest load \(1 VU\) p\(99\) was 10/,
    );
  });

  it('a sweep reports each count within the SLO, its gain, and picks the measured count for the rate', () => {
    const groups = [1, 2, 4].map((k) => ({
      label: `replicas = ${k}`,
      instances: k,
      runs: [uslRun(k * 0.9 + 0.1, `r${k}`)],
    }));
    const a = analyseCapacity(input(groups, { sweepSetting: 'replicas', targetRatePerSec: 1000 }));
    expect(a.sweep?.rows.map((r) => r.instances)).toEqual([1, 2, 4]);
    expect(a.sweep?.rows[1]?.gain).toBeCloseTo(1.9, 1);
    expect(a.sweep?.rows[1]?.efficiency).toBeCloseTo(0.95, 1);
    expect(a.sweep?.usl?.extrapolate).toBe(false); // three counts
    const one = a.sweep?.rows[0]?.sloPerSec as number;
    const need = [1, 2, 4].find(
      (k) => (a.sweep?.rows.find((r) => r.instances === k)?.sloPerSec as number) * 0.7 >= 1000,
    );
    expect(one * 0.7).toBeLessThan(1000);
    expect(a.answer).toMatchObject({ basis: 'sweep-measured', instances: need });
    expect(a.answer.sentence).toMatch(new RegExp(`^replicas = ${need} serves 1,000 req/s`));
  });

  it('a rate beyond the sweep is extrapolated linearly from the largest count, and labelled so', () => {
    const groups = [1, 2].map((k) => ({
      label: `w${k}`,
      instances: k,
      runs: [uslRun(k, `w${k}`)],
    }));
    const a = analyseCapacity(
      input(groups, { sweepSetting: 'env.WORKERS', targetRatePerSec: 100_000 }),
    );
    expect(a.answer.basis).toBe('sweep-beyond-linear');
    expect(a.answer.sentence).toMatch(/^About env\.WORKERS = \d+ for 100,000 req\/s/);
    expect(a.answer.assumptions[0]).toMatch(/not used \(2 measured counts, too few to fit\)/);
  });
});
