import { setImmediate as yieldMacrotask } from 'node:timers/promises';
import type {
  PerVuIterationsExecutor,
  SharedIterationsExecutor,
} from '../../../../scenarios/executors.js';
import { K6_DEFAULT_GRACEFUL_STOP_MS } from '../../../../scenarios/executors.js';
import { gracefulStop } from '../graceful-stop.js';
import { newVu, type ExecutorRun } from './executor-run.js';

const YIELD_EVERY = 16;

/**
 * per-vu-iterations (each VU runs `iterations`) and shared-iterations (`iterations` in total,
 * taken by whichever VU is free), both bounded by `maxDuration`, then `gracefulStop`.
 */
export async function runIterationsExecutor(
  e: PerVuIterationsExecutor | SharedIterationsExecutor,
  run: ExecutorRun,
): Promise<void> {
  const { runner, interrupt } = run;
  let timeUp = false;
  let shared = e.iterations;
  const take = (mine: { left: number }): boolean => {
    if (timeUp || interrupt.aborted) return false;
    if (e.executor === 'shared-iterations') return shared-- > 0;
    return mine.left-- > 0;
  };
  const vus = Array.from({ length: e.vus }, () => newVu(run));
  const loops = vus.map(async (vu) => {
    runner.busy();
    const mine = { left: e.iterations };
    let n = 0;
    while (!vu.stopped && take(mine)) {
      await runner.iterate(vu);
      if (++n % YIELD_EVERY === 0) await yieldMacrotask();
    }
    runner.idle();
    await runner.retire(vu, false);
  });
  const all = Promise.all(loops);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timeUp = true;
      resolve();
    }, e.maxDuration);
  });
  const onInterrupt = (): void => {
    timeUp = true;
  };
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  try {
    await Promise.race([all, deadline]);
  } finally {
    clearTimeout(timer);
    interrupt.removeEventListener('abort', onInterrupt);
  }
  await gracefulStop(all, e.gracefulStop ?? K6_DEFAULT_GRACEFUL_STOP_MS, interrupt, () =>
    Promise.all(vus.map((vu) => runner.retire(vu, true))).then(() => undefined),
  );
}
