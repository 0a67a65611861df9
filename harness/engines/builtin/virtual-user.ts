import type { Tags } from '../../../reports/model/run-data.js';
import type { Checks, VuContext } from '../../../scenarios/vu-context.js';
import { parseDuration } from '../../../scenarios/duration.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import { abortableSleep } from './abortable-sleep.js';
import type { VuHttp } from './vu-http.js';

const checkTagCache = new Map<string, Tags>();
function checkTags(name: string, extra?: Record<string, string>): Tags {
  if (extra) return { ...extra, check: name };
  let tags = checkTagCache.get(name);
  if (!tags) checkTagCache.set(name, (tags = Object.freeze({ check: name })));
  return tags;
}

/** The VU context a flow receives. */
export class VirtualUser implements VuContext {
  iteration = 0;

  constructor(
    readonly id: number,
    readonly env: Readonly<Record<string, string | undefined>>,
    readonly http: VuHttp,
    private readonly sink: MetricSink,
    private readonly signal: AbortSignal,
  ) {}

  check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean {
    let all = true;
    for (const [name, fn] of Object.entries(checks)) {
      let ok: boolean;
      try {
        ok = fn(value) === true;
      } catch {
        ok = false;
      }
      this.sink.rate('checks', checkTags(name, tags), ok);
      all &&= ok;
    }
    return all;
  }

  sleep(duration: number | string): Promise<void> {
    const ms = typeof duration === 'number' ? duration * 1000 : parseDuration(duration, 'vu.sleep');
    return abortableSleep(ms, this.signal);
  }
}
