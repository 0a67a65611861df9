import type { ClosedProfile } from '../../../scenarios/profile.js';
import { profileDurationMs, vusAt } from '../../../scenarios/schedule.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import { abortableSleep } from './abortable-sleep.js';
import { gracefulStop } from './graceful-stop.js';
import type { IterationRunner } from './iteration-runner.js';
import type { VirtualUser } from './virtual-user.js';

const CONTROL_INTERVAL_MS = 100;
/** A flow with no real await would starve timers; yield a macrotask every so many iterations. */
const YIELD_EVERY = 16;

interface Slot {
  vu: VirtualUser;
  stopRequested: boolean;
  done: Promise<void>;
}

/**
 * Closed model (k6's ramping-vus): VUs loop the flow; the VU count follows the profile's
 * stages. VUs removed on the way down finish their current iteration first.
 */
export async function runClosedModel(
  profile: ClosedProfile,
  runner: IterationRunner,
  sink: MetricSink,
  interrupt: AbortSignal,
  hardStop: AbortController,
  gracefulStopMs: number,
): Promise<void> {
  const durationMs = profileDurationMs(profile);
  const slots: Slot[] = [];
  const retiring = new Set<Promise<void>>();
  let active = 0;

  const loop = async (slot: Slot): Promise<void> => {
    active++;
    runner.peakVus = Math.max(runner.peakVus, active);
    let n = 0;
    while (!slot.stopRequested && !hardStop.signal.aborted) {
      await runner.iterate(slot.vu);
      if (++n % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    }
    active--;
    sink.vus(active);
    await slot.vu.http.close();
  };

  const start = performance.now();
  for (;;) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs || interrupt.aborted) break;
    const target = vusAt(profile, elapsed);
    while (slots.length < target) {
      const slot: Slot = {
        vu: runner.createVu(slots.length + 1),
        stopRequested: false,
        done: Promise.resolve(),
      };
      slot.done = loop(slot);
      slots.push(slot);
    }
    while (slots.length > target) {
      const slot = slots.pop() as Slot;
      slot.stopRequested = true;
      retiring.add(slot.done);
      void slot.done.then(() => retiring.delete(slot.done));
    }
    sink.vus(active);
    await abortableSleep(Math.min(CONTROL_INTERVAL_MS, durationMs - elapsed), interrupt);
  }

  for (const slot of slots) slot.stopRequested = true;
  const pending = Promise.all([...slots.map((s) => s.done), ...retiring]);
  if (interrupt.aborted) hardStop.abort();
  await gracefulStop(pending, gracefulStopMs, hardStop);
}
