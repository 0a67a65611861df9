import type { Executor } from '../../../scenarios/executors.js';

/**
 * k6's arrival rates (`rate`, `startRate`, stage targets) are integers per `timeUnit`
 * (lib/executor/constant_arrival_rate.go: `null.Int`); a JSON 2.5 makes k6 refuse the options.
 * The same arrivals as whole numbers: 2.5 per 1 s is 5 per 2 s (k6 spaces them timeUnit/rate
 * apart either way), with the smallest multiplier that makes every rate whole.
 */
const MAX_MULTIPLIER = 1000;

function multiplierFor(values: readonly number[]): number {
  for (let m = 1; m <= MAX_MULTIPLIER; m++) {
    if (values.every((v) => Math.abs(v * m - Math.round(v * m)) < 1e-6 * Math.max(1, v * m)))
      return m;
  }
  // Finer than a thousandth of an arrival per time unit: no measurable difference is left.
  return MAX_MULTIPLIER;
}

export function wholeRateExecutor(e: Executor): Executor {
  switch (e.executor) {
    case 'constant-arrival-rate': {
      const m = multiplierFor([e.rate]);
      return { ...e, rate: Math.round(e.rate * m), timeUnit: e.timeUnit * m };
    }
    case 'ramping-arrival-rate': {
      const m = multiplierFor([e.startRate, ...e.stages.map((s) => s.target)]);
      return {
        ...e,
        startRate: Math.round(e.startRate * m),
        timeUnit: e.timeUnit * m,
        stages: e.stages.map((s) => ({ ...s, target: Math.round(s.target * m) })),
      };
    }
    default:
      return e;
  }
}
