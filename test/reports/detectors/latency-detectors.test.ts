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
  const detect = (tailMs: number, share = 0.02) =>
    p99Tail.detect(
      run(() => withTail(100, 10, tailMs, share)),
      p99Tail.defaults,
    );

  it('is critical above 3× p95', () => {
    const [f] = detect(50);
    expect(f).toMatchObject({ id: 'latency.p99-tail', severity: 'critical', chart: 'latency' });
    expect(f?.evidence.figures['ratio']).toBeCloseTo(5, 1);
  });

  it('warns between 2× and 3× p95', () => {
    expect(detect(25)[0]?.severity).toBe('warning');
  });

  it('stays quiet at 2× or below, and for sub-5 ms gaps', () => {
    expect(detect(19)).toEqual([]);
    expect(
      p99Tail.detect(
        run(() => withTail(100, 1, 4, 0.02)),
        p99Tail.defaults,
      ),
    ).toEqual([]);
  });

  it('needs enough requests to speak of a p99', () => {
    expect(
      p99Tail.detect(
        syntheticRun({ seconds: 1, latencies: () => withTail(100, 10, 50, 0.02) }),
        p99Tail.defaults,
      ),
    ).toEqual([]);
  });
});

describe('latency.p95-vs-average and latency.max-outlier', () => {
  it('flags p95 above 5× the average', () => {
    // 90 % at 1 ms, 10 % at 100 ms: average 10.9 ms, p95 100 ms.
    const [f] = p95VsAverage.detect(
      run(() => withTail(100, 1, 100, 0.1)),
      p95VsAverage.defaults,
    );
    expect(f?.id).toBe('latency.p95-vs-average');
    expect(f?.evidence.figures['ratio']).toBeGreaterThan(5);
  });

  it('does not flag a tight distribution', () => {
    expect(
      p95VsAverage.detect(
        run(() => withTail(100, 20, 30, 0.1)),
        p95VsAverage.defaults,
      ),
    ).toEqual([]);
  });

  it('flags a single stall 100× the average', () => {
    const latencies = (i: number) =>
      i === 5 ? [...withTail(99, 2, 2, 0), 5000] : withTail(100, 2, 2, 0);
    const [f] = maxVsAverage.detect(run(latencies), maxVsAverage.defaults);
    expect(f?.id).toBe('latency.max-outlier');
    expect(f?.evidence.figures['maxMs']).toBeCloseTo(5000, -1);
    expect(
      maxVsAverage.detect(
        run(() => withTail(100, 2, 150, 0.01)),
        maxVsAverage.defaults,
      ),
    ).toEqual([]);
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

  it('fires when p95 climbs with the VU count, with the slope per VU', () => {
    const [f] = latencyGrowsWithLoad.detect(
      ramp((vus) => 10 + vus * 2),
      latencyGrowsWithLoad.defaults,
    );
    expect(f?.id).toBe('latency.grows-with-load');
    expect(f?.severity).toBe('critical');
    expect(f?.evidence.figures['spearmanRho']).toBeGreaterThan(0.9);
    expect(f?.evidence.figures['msPerLoadUnit']).toBeGreaterThan(1.5);
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
