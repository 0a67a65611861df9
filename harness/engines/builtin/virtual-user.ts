import type { Checks, Flow, VuContext } from '../../../scenarios/vu-context.js';
import { parseDuration } from '../../../core/duration.js';
import { drawThinkTimeMs, type ThinkTime } from '../../../scenarios/think-time.js';
import type { TagContext } from './tag-context.js';
import type { VuHttp } from './vu-http.js';

/** The VU context a flow receives: one virtual user of one scenario. */
export class VirtualUser implements VuContext {
  iteration = 0;
  stopped = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    readonly id: number,
    readonly scenario: string,
    readonly env: Readonly<Record<string, string | undefined>>,
    readonly http: VuHttp,
    readonly flow: Flow,
    /** The scenario's tags: iterations are recorded here, whatever group the VU is in. */
    readonly baseCtx: TagContext,
  ) {}

  check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean {
    let all = true;
    const ctx = this.http.ctx;
    for (const name in checks) {
      let ok: boolean;
      try {
        ok = (checks[name] as (v: T) => boolean)(value) === true;
      } catch {
        ok = false;
      }
      ctx
        .series('checks', 'rate', tags ? { ...tags, check: name } : { check: name })
        .add(ok ? 1 : 0);
      all &&= ok;
    }
    return all;
  }

  sleep(duration: number | string | ThinkTime): Promise<void> {
    const ms =
      typeof duration === 'number'
        ? duration * 1000
        : typeof duration === 'string'
          ? parseDuration(duration, 'vu.sleep')
          : drawThinkTimeMs(duration);
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const outer = this.http.ctx;
    const path = `${outer.tags['group'] ?? ''}::${name}`;
    const inner = outer.with({ group: path });
    this.http.ctx = inner;
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.http.ctx = outer;
      if (!this.stopped) inner.series('group_duration', 'trend').add(performance.now() - start);
    }
  }

  /** Hard stop: in-flight requests fail at once (unrecorded) and sleeps return. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const wake of [...this.wakers]) wake();
    await this.http.destroy();
  }

  /** Frees the VU's connections when it leaves normally. */
  async release(): Promise<void> {
    this.stopped = true;
    await this.http.destroy();
  }
}
