import type { ConstantRateProfile } from '../../../scenarios/profile.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import { abortableSleep } from './abortable-sleep.js';
import { gracefulStop } from './graceful-stop.js';
import type { IterationRunner } from './iteration-runner.js';
import type { VirtualUser } from './virtual-user.js';

/**
 * Open model (k6's constant-arrival-rate): iterations start on a fixed schedule whatever the
 * target's speed. Latency counts from each iteration's scheduled start, so a stalled target
 * cannot hide its stall; an arrival with no free VU (and none left to allocate) is counted in
 * `dropped_iterations`, never silently skipped.
 */
export async function runOpenModel(
  profile: ConstantRateProfile,
  runner: IterationRunner,
  sink: MetricSink,
  interrupt: AbortSignal,
  hardStop: AbortController,
  gracefulStopMs: number,
): Promise<void> {
  const idle: VirtualUser[] = [];
  let allocated = 0;
  const allocate = (): VirtualUser => runner.createVu(++allocated);
  for (let i = 0; i < profile.preAllocatedVus; i++) idle.push(allocate());

  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / profile.ratePerSec;
  const start = performance.now();
  const end = start + profile.durationMs;

  for (let n = 0; ; n++) {
    const due = start + n * intervalMs;
    if (due >= end || interrupt.aborted) break;
    const wait = due - performance.now();
    if (wait > 1) await abortableSleep(wait, interrupt);
    if (interrupt.aborted) break;
    const vu = idle.pop() ?? (allocated < profile.maxVus ? allocate() : undefined);
    if (!vu) {
      runner.recordDropped();
      continue;
    }
    const done = runner.iterate(vu, due).then(() => {
      inFlight.delete(done);
      idle.push(vu);
      sink.vus(inFlight.size);
    });
    inFlight.add(done);
    runner.peakVus = Math.max(runner.peakVus, inFlight.size);
    sink.vus(inFlight.size);
  }

  if (interrupt.aborted) hardStop.abort();
  await gracefulStop(Promise.all(inFlight), gracefulStopMs, hardStop);
  await Promise.all([...idle].map((vu) => vu.http.close()));
}
