import type { Tags } from '../../../core/run-dir/run-data.js';
import { EMPTY_TAGS, type MetricSink, type SeriesHandle } from '../../aggregator/metric-sink.js';

/** The handles one request writes, resolved once per (tags, name, method, status). */
export interface HttpHandles {
  duration: SeriesHandle;
  reqs: SeriesHandle;
  failed: SeriesHandle;
  received: SeriesHandle;
  sent: SeriesHandle;
}

/** Transport causes kept apart per route; past this, they share one `error_code: other`. */
const MAX_CAUSES = 32;

/**
 * One (name, method) in one tag context: handles by status code, and for requests that got no
 * response (status 0) by cause, tagged `error_code` (ECONNREFUSED, E_REQUEST_TIMEOUT...).
 */
export class Route {
  private readonly byStatus: (HttpHandles | undefined)[] = [];
  private readonly byCause = new Map<string, HttpHandles>();

  constructor(
    private readonly ctx: TagContext,
    readonly name: string,
    readonly method: string,
  ) {}

  handles(status: number): HttpHandles {
    let h = this.byStatus[status];
    if (h === undefined) {
      h = this.resolve({ status: String(status) });
      this.byStatus[status] = h;
    }
    return h;
  }

  /** A request that got no response, by its transport cause. */
  failure(cause: string): HttpHandles {
    let h = this.byCause.get(cause);
    if (h === undefined) {
      const code = this.byCause.size < MAX_CAUSES ? cause : 'other';
      h = this.byCause.get(code) ?? this.resolve({ status: '0', error_code: code });
      this.byCause.set(code, h);
    }
    return h;
  }

  private resolve(extra: Record<string, string>): HttpHandles {
    const tags: Tags = Object.freeze({
      ...this.ctx.tags,
      name: this.name,
      method: this.method,
      ...extra,
    });
    const sink = this.ctx.sink;
    return {
      duration: sink.series('http_req_duration', 'trend', tags),
      reqs: sink.series('http_reqs', 'counter', tags),
      failed: sink.series('http_req_failed', 'rate', tags),
      received: sink.series('data_received', 'counter', tags),
      sent: sink.series('data_sent', 'counter', tags),
    };
  }
}

/**
 * An interned tag set (scenario, flow, group, request tags) with everything recorded under it
 * resolved once: series handles, routes and child contexts. Entering a group or tagging a
 * request moves to a child context, found by a map lookup; nothing is built per request.
 */
export class TagContext {
  private readonly routes = new Map<string, Route>();
  private readonly children = new Map<string, TagContext>();
  private readonly named = new Map<string, SeriesHandle>();
  readonly iterations: SeriesHandle;
  readonly iterationDuration: SeriesHandle;

  constructor(
    readonly sink: MetricSink,
    readonly tags: Tags = EMPTY_TAGS,
  ) {
    this.iterations = sink.series('iterations', 'counter', tags);
    this.iterationDuration = sink.series('iteration_duration', 'trend', tags);
  }

  route(name: string, method: string): Route {
    const key = method + ' ' + name;
    let r = this.routes.get(key);
    if (r === undefined) {
      r = new Route(this, name, method);
      // Paths with ids in them would grow this without bound: keep the first few thousand.
      if (this.routes.size < 5000) this.routes.set(key, r);
    }
    return r;
  }

  /** This context with `extra` tags added (later keys win). */
  with(extra: Record<string, string>): TagContext {
    const key = JSON.stringify(extra);
    let c = this.children.get(key);
    if (c === undefined) {
      c = new TagContext(this.sink, Object.freeze({ ...this.tags, ...extra }));
      if (this.children.size < 5000) this.children.set(key, c);
    }
    return c;
  }

  /** A handle on `metric` under this context's tags (checks, custom metrics). */
  series(
    metric: string,
    kind: 'trend' | 'counter' | 'rate' | 'gauge',
    extra?: Record<string, string>,
  ): SeriesHandle {
    const key = metric + '\u0001' + kind + (extra ? JSON.stringify(extra) : '');
    let h = this.named.get(key);
    if (h === undefined) {
      h = this.sink.series(
        metric,
        kind,
        extra ? Object.freeze({ ...this.tags, ...extra }) : this.tags,
      );
      if (this.named.size < 5000) this.named.set(key, h);
    }
    return h;
  }
}
