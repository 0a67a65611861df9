import { describe, expect, it } from 'vitest';
import { stepsOfRun } from '../../../reports/analysis/capacity/capacity-step.js';
import { parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import { flat, steppedRun } from './stepped-run.js';

const opts = { slo: parseSlo('p(99)<300'), steadiness: DEFAULT_STEADINESS };

describe('stepsOfRun', () => {
  it('makes one step per hold, in load order, with throughput and percentiles of its steady seconds', () => {
    const run = steppedRun([
      { level: 1, perSecond: flat(100, 8), p99Ms: 20 },
      { level: 2, perSecond: flat(190, 8), p99Ms: 40 },
      { level: 4, perSecond: flat(200, 8), p99Ms: 400, failed: 0.05 },
    ]);
    const steps = stepsOfRun(run, opts);
    expect(steps.map((s) => s.level)).toEqual([1, 2, 4]);
    expect(steps.map((s) => s.throughputPerSec)).toEqual([100, 190, 200]);
    expect(steps[0]?.latency.p99).toBeCloseTo(20, 1);
    expect(steps[0]?.latency.p50).toBeCloseTo(10, 1);
    expect(steps.map((s) => s.meetsSlo)).toEqual([true, true, false]);
    expect(steps[2]?.errorRate).toBeCloseTo(0.05, 5);
    expect(steps[0]).toMatchObject({
      concurrency: 1,
      offeredPerSec: null,
      steady: true,
      settleSeconds: 0,
    });
  });

  it('trims the settling seconds at the start of a hold and says how many', () => {
    const run = steppedRun([
      { level: 8, perSecond: [20, 60, 95, 100, 100, 101, 99, 100, 100], p99Ms: 10 },
    ]);
    const [step] = stepsOfRun(run, opts);
    expect(step).toMatchObject({
      holdSeconds: 9,
      settleSeconds: 2,
      measuredSeconds: 7,
      steady: true,
    });
    expect(step?.throughputPerSec).toBeCloseTo((95 + 100 * 4 + 101 + 99) / 7, 6);
  });

  it("flags Little's law when throughput × iteration time falls short of the VUs", () => {
    const run = steppedRun([
      { level: 10, perSecond: flat(100), p99Ms: 50, iterationMs: 100 }, // 100/s × 0.1 s = 10 VUs
      { level: 20, perSecond: flat(100), p99Ms: 50, iterationMs: 100 }, // accounts for 10 of 20
    ]);
    const [ok, short] = stepsOfRun(run, opts);
    expect(ok?.littlesLaw).toMatchObject({ ok: true });
    expect(ok?.littlesLaw?.ratio).toBeCloseTo(1, 6);
    expect(short?.littlesLaw).toMatchObject({ ok: false });
    expect(short?.littlesLaw?.ratio).toBeCloseTo(0.5, 6);
  });

  it('reports server CPU and the CPU time per request', () => {
    const run = steppedRun([{ level: 4, perSecond: flat(200), p99Ms: 10, cpuPercent: 80 }]);
    const [step] = stepsOfRun(run, opts);
    expect(step?.server.cpuPercent).toBe(80);
    expect(step?.server.cpuMsPerRequest).toBeCloseTo(4, 6); // 0.8 core-s per s over 200 requests
    expect(step?.server.eventLoopUtilisationPercent).toBeNull();
  });

  it('open model: N is the requests in flight, X·R', () => {
    const run = steppedRun([{ level: 100, perSecond: flat(100), p99Ms: 40 }], { model: 'open' });
    const [step] = stepsOfRun(run, opts);
    // mean latency: 98 % at 20 ms, 2 % at 40 ms = 20.4 ms; 100/s × 0.0204 s
    expect(step?.concurrency).toBeCloseTo(2.04, 2);
    expect(step?.offeredPerSec).toBe(100);
    expect(step?.littlesLaw).toBeNull();
  });

  it('cuts a breakpoint run (a ramp, no holds) into 10 s slices at the planned mid-slice rate', () => {
    const run = steppedRun([{ level: 0, perSecond: [], p99Ms: 1 }], { model: 'open' });
    const start = 1_700_000_000_000;
    run.meta.phases = [
      { kind: 'ramp-up', scenario: 'default', startMs: start, endMs: start + 30_000, level: 300 },
    ];
    run.meta.scenario.executors = {
      default: {
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnit: 1000,
        stages: [],
        preAllocatedVUs: 1,
        maxVUs: 10,
      },
    };
    run.client = Array.from({ length: 30 }, (_, i) => ({
      t: start / 1000 + i,
      vus: 5,
      metrics: { http_reqs: [{ kind: 'counter' as const, tags: {}, value: 10 * i }] },
    }));
    const steps = stepsOfRun(run, opts);
    expect(steps.map((s) => s.level)).toEqual([50, 150, 250]);
    expect(steps.map((s) => s.kind)).toEqual(['ramp-slice', 'ramp-slice', 'ramp-slice']);
    expect(steps[0]?.steady).toBe(false);
  });

  it('refuses a run whose load model is neither closed nor open', () => {
    const run = steppedRun([{ level: 1, perSecond: flat(10), p99Ms: 1 }]);
    run.meta.scenario.loadModel = 'unknown';
    expect(() => stepsOfRun(run, opts)).toThrow(/load model "unknown"/);
  });
});
