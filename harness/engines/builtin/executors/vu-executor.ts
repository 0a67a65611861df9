import { setImmediate as yieldMacrotask } from 'node:timers/promises';
import {
  executorDurationMs,
  executorVusAt,
  type VuExecutor,
} from '../../../../scenarios/executor-schedule.js';
import { K6_DEFAULT_GRACEFUL_STOP_MS } from '../../../../scenarios/executors.js';
import { abortableSleep } from '../abortable-sleep.js';
import { gracefulStop } from '../graceful-stop.js';
import type { VirtualUser } from '../virtual-user.js';
import { newVu, type ExecutorRun } from './executor-run.js';

const CONTROL_INTERVAL_MS = 50;
/** A flow with no real await would starve timers; yield a macrotask every so many iterations. */
const YIELD_EVERY = 16;

interface Slot {
  vu: VirtualUser;
  leaving: boolean;
  done: Promise<void>;
}

/**
 * constant-vus and ramping-vus (closed model): VUs loop the flow; the count follows the
 * stages. A VU removed on the way down finishes its iteration within `gracefulRampDown`, then
 * is cut; at the end, in-flight iterations get `gracefulStop`.
 */
export async function runVuExecutor(e: VuExecutor, run: ExecutorRun): Promise<void> {
  const { runner, interrupt } = run;
  const durationMs = executorDurationMs(e);
  const rampDownMs =
    e.executor === 'ramping-vus' ? (e.gracefulRampDown ?? K6_DEFAULT_GRACEFUL_STOP_MS) : 0;
  const slots: Slot[] = [];
  const leaving = new Set<Promise<void>>();

  const loop = async (slot: Slot): Promise<void> => {
    runner.busy();
    let n = 0;
    while (!slot.leaving && !slot.vu.stopped) {
      await runner.iterate(slot.vu);
      if (++n % YIELD_EVERY === 0) await yieldMacrotask();
    }
    runner.idle();
    await runner.retire(slot.vu, false);
  };

  const start = performance.now();
  for (;;) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs || interrupt.aborted) break;
    const target = executorVusAt(e, elapsed);
    while (slots.length < target) {
      const slot: Slot = { vu: newVu(run), leaving: false, done: Promise.resolve() };
      slot.done = loop(slot);
      slots.push(slot);
    }
    while (slots.length > target) {
      const slot = slots.pop() as Slot;
      slot.leaving = true;
      const cut = setTimeout(() => void runner.retire(slot.vu, true), rampDownMs);
      const done = slot.done.then(() => clearTimeout(cut));
      leaving.add(done);
      void done.then(() => leaving.delete(done));
    }
    await abortableSleep(Math.min(CONTROL_INTERVAL_MS, durationMs - elapsed), interrupt);
  }

  for (const slot of slots) slot.leaving = true;
  const pending = Promise.all([...slots.map((s) => s.done), ...leaving]);
  await gracefulStop(pending, e.gracefulStop ?? K6_DEFAULT_GRACEFUL_STOP_MS, interrupt, () =>
    Promise.all(slots.map((s) => runner.retire(s.vu, true))).then(() => undefined),
  );
}
