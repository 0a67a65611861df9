import {
  ArrivalSchedule,
  executorDurationMs,
  type ArrivalRateExecutor,
} from '../../../../scenarios/executor-schedule.js';
import { K6_DEFAULT_GRACEFUL_STOP_MS } from '../../../../scenarios/executors.js';
import { abortableSleep } from '../abortable-sleep.js';
import { gracefulStop } from '../graceful-stop.js';
import type { VirtualUser } from '../virtual-user.js';
import { arrivalStartMs } from './arrival-clock.js';
import { InFlight, newVu, type ExecutorRun } from './executor-run.js';

/**
 * constant-arrival-rate and ramping-arrival-rate (open model): iterations start on a schedule
 * whatever the target's speed. Latency counts from each iteration's scheduled start, so a
 * stalled target cannot hide its stall; an arrival with no free VU (and none left to
 * allocate under `maxVUs`) is counted in `dropped_iterations`, never silently skipped.
 */
export async function runArrivalRateExecutor(
  e: ArrivalRateExecutor,
  run: ExecutorRun,
): Promise<void> {
  const { runner, interrupt } = run;
  const all: VirtualUser[] = [];
  const idle: VirtualUser[] = [];
  const allocate = (): VirtualUser => {
    const vu = newVu(run);
    all.push(vu);
    return vu;
  };
  for (let i = 0; i < e.preAllocatedVUs; i++) idle.push(allocate());

  const inFlight = new InFlight();
  const schedule = new ArrivalSchedule(e);
  // Threads share one start instant (see SingleThreadEngine), so their arrivals interleave.
  const start = run.startMs ?? performance.now();
  for (let at = schedule.next(); at !== undefined; at = schedule.next()) {
    if (interrupt.aborted) break;
    const due = start + at;
    const wait = due - performance.now();
    if (wait > 1) await abortableSleep(wait, interrupt);
    if (interrupt.aborted) break;
    const now = performance.now();
    const from = arrivalStartMs(due, now);
    run.onScheduleLag?.(now - from);
    const vu = idle.pop() ?? (all.length < e.maxVUs ? allocate() : undefined);
    if (vu === undefined) {
      runner.recordDropped(run.ctx);
      continue;
    }
    inFlight.add();
    runner.busy();
    void runner.iterate(vu, from).then(() => {
      runner.idle();
      if (!vu.stopped) idle.push(vu);
      inFlight.done();
    });
  }
  // As in k6, the executor lasts its whole duration: the last arrival is not its end.
  await abortableSleep(start + executorDurationMs(e) - performance.now(), interrupt);

  await gracefulStop(
    inFlight.drained(),
    e.gracefulStop ?? K6_DEFAULT_GRACEFUL_STOP_MS,
    interrupt,
    () => Promise.all(all.map((vu) => runner.retire(vu, true))).then(() => undefined),
  );
  await Promise.all(all.map((vu) => runner.retire(vu, false)));
}
