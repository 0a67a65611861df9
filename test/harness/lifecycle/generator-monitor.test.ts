import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { GeneratorMonitor } from '../../../harness/lifecycle/generator-monitor.js';
import type { GaugeSeries } from '../../../core/run-dir/run-data.js';

describe('GeneratorMonitor', () => {
  it('records lag and CPU each second and calls a run reliable when the schedule was kept', () => {
    const monitor = new GeneratorMonitor();
    const agg = new Aggregator();
    monitor.start();
    for (let i = 0; i < 1000; i++) monitor.onScheduleLag(i % 100 === 0 ? 5 : 0);
    monitor.second(agg, 1);
    const bucket = agg.flush(1);
    expect((bucket.metrics['generator_cpu']?.[0] as GaugeSeries).value).toBeGreaterThanOrEqual(0);
    expect(bucket.metrics['generator_event_loop_lag']).toHaveLength(1);
    expect(monitor.stop()).toMatchObject({ reliable: true, reasons: [], lateArrivals: 0 });
  });

  it('marks the run unreliable, saying why, when arrivals started late because it was busy', () => {
    const monitor = new GeneratorMonitor();
    monitor.start();
    for (let i = 0; i < 1000; i++) monitor.onScheduleLag(i % 20 === 0 ? 120 : 0);
    const health = monitor.stop();
    expect(health.reliable).toBe(false);
    expect(health.lateArrivals).toBe(50);
    expect(health.maxArrivalLagMs).toBe(120);
    expect(health.reasons.join()).toMatch(/50 of 1000 arrivals started over 20 ms late/);
  });

  it('counts a stall felt by every thread once: three threads lagging in one second are one second', () => {
    const monitor = new GeneratorMonitor(3);
    const agg = new Aggregator();
    monitor.start();
    // One stall of 300 ms at second 10 (the machine's disk, a neighbour), seen by all three.
    monitor.onWorkerLag(300, 10);
    monitor.onWorkerLag(280, 10);
    monitor.onWorkerLag(290, 10);
    monitor.onWorkerLag(5, 11);
    const once = monitor.stop();
    expect(once.reliable).toBe(true);
    expect(once.maxEventLoopLagMs).toBe(300);

    // Three different seconds of lag are a verdict, whichever thread lagged.
    const again = new GeneratorMonitor(2);
    again.start();
    again.onWorkerLag(120, 10);
    again.onWorkerLag(90, 12);
    again.onWorkerLag(70, 15);
    again.second(agg, 16);
    const health = again.stop();
    expect(health.reliable).toBe(false);
    expect(health.reasons.join()).toMatch(
      /lagged over 50 ms \(p99\) in 3 seconds \(worst 120 ms\)/,
    );
  });
});
