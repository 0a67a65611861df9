import { setMaxListeners } from 'node:events';
import { assertNever } from '../../../scenarios/schedule.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { Engine, EngineEvents, EnginePlan, EngineResult } from '../engine.js';
import { runClosedModel } from './closed-model.js';
import { IterationRunner } from './iteration-runner.js';
import { runOpenModel } from './open-model.js';

/** Runs VUs in this process with undici keep-alive clients. */
export class BuiltinEngine implements Engine {
  async run(
    plan: EnginePlan,
    sink: MetricSink,
    interrupt: AbortSignal,
    events: EngineEvents = {},
  ): Promise<EngineResult> {
    const hardStop = new AbortController();
    // Every in-flight request and sleep listens on it: one listener per VU is expected.
    setMaxListeners(0, hardStop.signal);
    const onInterrupt = (): void => hardStop.abort();
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    const runner = new IterationRunner(
      new URL(plan.baseUrl),
      plan.flow,
      plan.env,
      sink,
      hardStop.signal,
      events,
    );
    try {
      const profile = plan.profile;
      switch (profile.kind) {
        case 'ramp':
        case 'spike':
        case 'soak':
          await runClosedModel(profile, runner, sink, interrupt, hardStop, plan.gracefulStopMs);
          break;
        case 'constantRate':
          await runOpenModel(profile, runner, sink, interrupt, hardStop, plan.gracefulStopMs);
          break;
        default:
          assertNever(profile);
      }
    } finally {
      interrupt.removeEventListener('abort', onInterrupt);
      sink.vus(0);
    }
    return runner.result();
  }
}
