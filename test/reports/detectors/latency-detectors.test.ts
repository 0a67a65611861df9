import { describe, expect, it } from 'vitest';
import { coordinatedOmissionRisk } from '../../../reports/analysis/detectors/coordinated-omission.js';
import { latencyGrowsWithLoad } from '../../../reports/analysis/detectors/latency-grows-with-load.js';
import {
  maxVsAverage,
  p95VsAverage,
  p99Tail,
} from '../../../reports/analysis/detectors/tail-latency.js';
import { seeded, syntheticRun, withTail } from './synthetic-run.js';

const run = (latencies: (i: number) => number[], profileKind = 'ramp') =>
  syntheticRun({ seconds: 10, latencies, profileKind });

describe('latency.p99-tail', () => {
  // 10 s of 600 requests: 6,000 in all, 60 beyond the p99, a slow 2 % in every second.
  const tailRun = (baseMs: number, tailMs: number, thresholds?: Record<string, string[]>) =>
    syntheticRun({
      seconds: 10,
      latencies: () => withTail(600, baseMs, tailMs, 0.02),
      ...(thresholds ? { thresholds } : {}),
    });
  const detect = (input: ReturnType<typeof tailRun>) => p99Tail.detect(input, p99Tail.defaults);

  it('is critical above 3× p95 when the p99 is large (≥ 500 ms)', () => {
    const [f] = detect(tailRun(100, 600));
    expect(f).toMatchObject({ id: 'latency.p99-tail', severity: 'critical', chart: 'latency' });
    expect(f?.evidence.figures['ratio']).toBeCloseTo(6, 1);
    expect(f?.evidence.figures['tailSeconds']).toBe(10);
    expect(f?.evidence.figures['tailRequests']).toBe(60);
  });

  it('warns on a smaller tail, or between 2× and 3× p95', () => {
    expect(detect(tailRun(10, 60))[0]?.severity).toBe('warning');
    expect(detect(tailRun(40, 100))[0]?.severity).toBe('warning');
  });

  it('stays quiet at 2× or below, and under the 50 ms floor however large the ratio', () => {
    expect(detect(tailRun(40, 79))).toEqual([]);
    expect(detect(tailRun(2, 30))).toEqual([]);
  });

  it('a healthy service: p95 2.4 ms and p99 8.7 ms over 1,500 requests is not a finding', () => {
    const healthy = syntheticRun({
      seconds: 10,
      latencies: () => withTail(150, 2.4, 8.7, 0.02),
      thresholds: { http_req_duration: ['p(99)<300'] },
    });
    expect(detect(healthy)).toEqual([]);
  });

  it('judges the p99 against the thresholds where the scenario has them', () => {
    // 100 ms is a third of a 300 ms budget: not a finding; two thirds of 150 ms: a warning.
    expect(detect(tailRun(10, 100, { http_req_duration: ['p(99)<300'] }))).toEqual([]);
    const [f] = detect(tailRun(10, 100, { http_req_duration: ['p(99)<150'] }));
    expect(f?.severity).toBe('warning');
    expect(f?.evidence.figures['budgetMs']).toBe(150);
    // Under a tight budget a p99 below the absolute floor matters; over the budget it is critical.
    expect(detect(tailRun(5, 30, { http_req_duration: ['p(99)<40'] }))[0]?.severity).toBe(
      'warning',
    );
    expect(detect(tailRun(5, 30, { http_req_duration: ['p(99)<25'] }))[0]?.severity).toBe(
      'critical',
    );
    // A p(95) budget speaks for what the user calls slow when no p(99) is written.
    expect(detect(tailRun(10, 100, { http_req_duration: ['p(95)<250'] }))).toEqual([]);
  });

  it('needs enough requests beyond the p99, in enough different seconds', () => {
    // 1,500 requests: 15 beyond the p99.
    const few = syntheticRun({ seconds: 10, latencies: () => withTail(150, 10, 100, 0.02) });
    expect(detect(few)).toEqual([]);
    // 6,000 requests, but every slow one in one second: one incident, not a tail.
    const once = syntheticRun({
      seconds: 10,
      latencies: (i) => (i === 5 ? withTail(600, 10, 100, 0.2) : withTail(600, 10, 10, 0)),
    });
    expect(detect(once)).toEqual([]);
  });

  it("judges the ratio at the ends of the percentiles' 95 % bounds", () => {
    // p99 sits on the edge of the slow group: its lower bound falls back to the fast one.
    const edge = syntheticRun({
      seconds: 10,
      latencies: () => withTail(600, 10, 100, 0.0117),
    });
    const d = edge.summary.metrics['http_req_duration'];
    expect(d?.kind === 'trend' && d.p99).toBeGreaterThan(90);
    expect(edge.summary.latencyBounds?.p99.lowMs).toBeLessThan(11);
    expect(detect(edge)).toEqual([]);
  });
});

describe('latency.p95-vs-average and latency.max-outlier', () => {
  it('flags p95 above 5× the average', () => {
    // 90 % at 5 ms, 10 % at 100 ms: average 14.5 ms, p95 100 ms.
    const [f] = p95VsAverage.detect(
      run(() => withTail(100, 5, 100, 0.1)),
      p95VsAverage.defaults,
    );
    expect(f?.id).toBe('latency.p95-vs-average');
    expect(f?.evidence.figures['ratio']).toBeGreaterThan(5);
  });

  it('does not flag a tight distribution, nor a small p95 (under 50 ms)', () => {
    expect(
      p95VsAverage.detect(
        run(() => withTail(100, 20, 30, 0.1)),
        p95VsAverage.defaults,
      ),
    ).toEqual([]);
    expect(
      p95VsAverage.detect(
        run(() => withTail(100, 1, 20, 0.1)),
        p95VsAverage.defaults,
      ),
    ).toEqual([]);
  });

  it('notes a single stall 100× the average as information, never a warning', () => {
    const latencies = (i: number) =>
      i === 5 ? [...withTail(99, 2, 2, 0), 5000] : withTail(100, 2, 2, 0);
    const [f] = maxVsAverage.detect(run(latencies), maxVsAverage.defaults);
    expect(f).toMatchObject({ id: 'latency.max-outlier', severity: 'info' });
    expect(f?.evidence.figures['maxMs']).toBeCloseTo(5000, -1);
    expect(
      maxVsAverage.detect(
        run(() => withTail(100, 2, 150, 0.01)),
        maxVsAverage.defaults,
      ),
    ).toEqual([]);
  });

  it("a stall within the thresholds' budget is not noted", () => {
    const latencies = (i: number) =>
      i === 5 ? [...withTail(99, 1, 1, 0), 250] : withTail(100, 1, 1, 0);
    const input = syntheticRun({
      seconds: 10,
      latencies,
      thresholds: { http_req_duration: ['p(99)<300'] },
    });
    expect(maxVsAverage.detect(input, maxVsAverage.defaults)).toEqual([]);
  });
});

describe('latency.grows-with-load', () => {
  const noise = seeded(7);
  const ramp = (latencyAt: (vus: number) => number) =>
    syntheticRun({
      seconds: 40,
      vus: (i) => i + 1,
      latencies: (i) => Array.from({ length: 50 }, () => latencyAt(i + 1) * (0.95 + noise() * 0.1)),
    });

  it('fires when p95 climbs with the VU count, with the slope per VU and its p-value', () => {
    const [f] = latencyGrowsWithLoad.detect(
      ramp((vus) => 10 + vus * 8),
      latencyGrowsWithLoad.defaults,
    );
    expect(f?.id).toBe('latency.grows-with-load');
    expect(f?.severity).toBe('critical');
    expect(f?.evidence.figures['spearmanRho']).toBeGreaterThan(0.9);
    expect(f?.evidence.figures['pValue']).toBeLessThan(1e-6);
    expect(f?.evidence.figures['msPerLoadUnit']).toBeGreaterThan(6);
  });

  it('warns when the loaded p95 stays under 200 ms', () => {
    const [f] = latencyGrowsWithLoad.detect(
      ramp((vus) => 10 + vus * 2),
      latencyGrowsWithLoad.defaults,
    );
    expect(f?.severity).toBe('warning');
  });

  it('stays quiet when the growth is too small to matter, absolutely or against the thresholds', () => {
    // 1 ms to 9 ms: a queue, but a short one.
    expect(
      latencyGrowsWithLoad.detect(
        ramp((vus) => 1 + vus * 0.2),
        latencyGrowsWithLoad.defaults,
      ),
    ).toEqual([]);
    const within = syntheticRun({
      seconds: 40,
      vus: (i) => i + 1,
      latencies: (i) => Array.from({ length: 50 }, () => 10 + (i + 1) * 2),
      thresholds: { http_req_duration: ['p(95)<500'] },
    });
    expect(latencyGrowsWithLoad.detect(within, latencyGrowsWithLoad.defaults)).toEqual([]);
  });

  it("ignores seconds with too few requests for a p95 (that second's slowest)", () => {
    const sparse = syntheticRun({
      seconds: 40,
      vus: (i) => i + 1,
      latencies: (i) => Array.from({ length: 10 }, () => 10 + (i + 1) * 8),
    });
    expect(latencyGrowsWithLoad.detect(sparse, latencyGrowsWithLoad.defaults)).toEqual([]);
  });

  it('stays quiet when latency is flat across the ramp (noise only)', () => {
    expect(
      latencyGrowsWithLoad.detect(
        ramp(() => 20),
        latencyGrowsWithLoad.defaults,
      ),
    ).toEqual([]);
  });

  it('needs the load to vary: a steady VU count proves nothing', () => {
    const steady = syntheticRun({
      seconds: 40,
      vus: () => 10,
      latencies: (i) => Array.from({ length: 50 }, () => 10 + i),
    });
    expect(latencyGrowsWithLoad.detect(steady, latencyGrowsWithLoad.defaults)).toEqual([]);
  });
});

describe('model.coordinated-omission-risk', () => {
  it('advises an open-model rerun for a closed run with a long tail', () => {
    const [f] = coordinatedOmissionRisk.detect(
      run(() => withTail(100, 5, 200, 0.03)),
      coordinatedOmissionRisk.defaults,
    );
    expect(f).toMatchObject({ id: 'model.coordinated-omission-risk', severity: 'info' });
  });

  it('does not apply to an open-model run', () => {
    expect(
      coordinatedOmissionRisk.detect(
        run(() => withTail(100, 5, 200, 0.03), 'constantRate'),
        coordinatedOmissionRisk.defaults,
      ),
    ).toEqual([]);
  });
});
