import { CookieJar } from 'tough-cookie';
import { parseDuration } from '../../../core/duration.js';
import { checkRequestOptions } from '../../../scenarios/request-options.js';
import type { HttpApi, RequestOptions } from '../../../scenarios/vu-context.js';
import { BuiltinResponse, setCookies } from './http-response.js';
import { Http1Connection, TransportError } from './http1/http1-connection.js';
import type { TimeoutSweeper } from './http1/timeout-sweeper.js';
import type { Encoded, RequestTarget, TargetResolver } from './request-target.js';
import type { Route, TagContext } from './tag-context.js';

/** How every VU's HTTP behaves (from the engine plan). */
export interface HttpSettings {
  timeoutMs: number;
  maxRedirects: number;
  /** Accept self-signed and otherwise invalid TLS certificates. */
  insecureSkipTlsVerify: boolean;
  /** Keep cookies across iterations (k6 `noCookiesReset`); by default each iteration starts empty. */
  noCookiesReset?: boolean;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * One virtual user's HTTP: a keep-alive HTTP/1.1 connection per origin (as each k6 VU has its
 * own connections), a cookie jar emptied at each iteration as k6's is (unless `noCookiesReset`),
 * default headers, and the k6 http_* metrics per request.
 *
 * The hot path is built for requests per CPU-second: a bare request is a prebuilt buffer,
 * metric series are pre-resolved handles, the response head is scanned only for its framing
 * and the body is decoded only when the flow reads it. A hard stop destroys the connections.
 */
export class VuHttp implements HttpApi {
  readonly headers: Record<string, string> = {};
  private readonly connections = new Map<string, Http1Connection[]>();
  private jar: CookieJar | undefined;
  /** When set, the next request's latency counts from this instant (open model). */
  scheduledStartMs: number | undefined;
  /** Tags of what the VU is doing now (scenario, flow, group). */
  ctx: TagContext;
  stopped = false;

  constructor(
    private readonly targets: TargetResolver,
    private readonly settings: HttpSettings,
    private readonly sweeper: TimeoutSweeper,
    ctx: TagContext,
  ) {
    this.ctx = ctx;
  }

  get(path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    return this.request('GET', path, opts);
  }
  post(path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    return this.request('POST', path, opts);
  }
  put(path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    return this.request('PUT', path, opts);
  }
  patch(path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    return this.request('PATCH', path, opts);
  }
  del(path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    return this.request('DELETE', path, opts);
  }

  /** An iteration begins: as in k6, it starts with an empty cookie jar unless told otherwise. */
  newIteration(): void {
    if (this.settings.noCookiesReset !== true) this.jar = undefined;
  }

  request(method: string, path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    const start = this.scheduledStartMs ?? performance.now();
    this.scheduledStartMs = undefined;
    if (opts !== undefined) checkRequestOptions(method, opts);
    const redirects = opts?.redirects ?? this.settings.maxRedirects;
    return this.send(method, this.targets.resolve(path), opts, start, redirects);
  }

  private async send(
    method: string,
    target: RequestTarget,
    opts: RequestOptions | undefined,
    start: number,
    redirectsLeft: number,
  ): Promise<BuiltinResponse> {
    const encoded = this.encode(method, target, opts);
    const timeoutMs =
      opts?.timeout === undefined
        ? this.settings.timeoutMs
        : parseDuration(opts.timeout, 'timeout');
    const outcome = await this.connection(target).request(
      encoded.payload,
      IDEMPOTENT.has(method),
      method === 'HEAD',
      timeoutMs,
    );
    const durationMs = performance.now() - start;
    if (this.stopped) {
      // Cut by the end of the run: not a measurement of the target.
      const cause = outcome instanceof TransportError ? outcome.reason : 'E_INTERRUPTED';
      return BuiltinResponse.failed(cause, durationMs, target.url);
    }
    const failed = outcome instanceof TransportError;
    const status = failed ? 0 : outcome.status;
    const ctx = opts?.tags === undefined ? this.ctx : this.ctx.with(opts.tags);
    const route = this.route(ctx, target, method, opts?.name);
    const h = failed ? route.failure(outcome.reason) : route.handles(status);
    h.duration.add(durationMs);
    h.reqs.add(1);
    h.failed.add(status === 0 || status >= 400 ? 1 : 0);
    h.received.add(failed ? 0 : outcome.wireBytes);
    h.sent.add(encoded.sentBytes);
    if (failed) return BuiltinResponse.failed(outcome.reason, durationMs, target.url);
    for (const cookie of setCookies(outcome.head)) this.storeCookie(cookie, target.url);
    const res = new BuiltinResponse(
      status,
      outcome.head,
      outcome.chunks,
      durationMs,
      undefined,
      target.url,
    );
    return redirectsLeft > 0 && REDIRECT.has(status)
      ? this.follow(res, method, target, opts, redirectsLeft)
      : res;
  }

  /** The next hop of a redirect: a request of its own in the metrics, as in k6. */
  private follow(
    res: BuiltinResponse,
    method: string,
    target: RequestTarget,
    opts: RequestOptions | undefined,
    redirectsLeft: number,
  ): BuiltinResponse | Promise<BuiltinResponse> {
    const location = res.header('location');
    if (location === undefined) return res;
    const next = this.targets.resolve(new URL(location, target.url).href);
    let nextMethod = method;
    let nextOpts = opts;
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      nextMethod = 'GET';
      if (opts !== undefined) {
        const { body: _body, json: _json, ...rest } = opts;
        nextOpts = rest;
      }
    }
    // Every hop is recorded under the request's name, as k6 records a redirect chain whose
    // request carries a `name` tag (and the k6 runtime always gives one).
    nextOpts = { ...nextOpts, name: opts?.name ?? target.name };
    return this.send(nextMethod, next, nextOpts, performance.now(), redirectsLeft - 1);
  }

  /** The route's handles; remembered on the target for the common case (no `name` override). */
  private route(
    ctx: TagContext,
    target: RequestTarget,
    method: string,
    name: string | undefined,
  ): Route {
    if (name !== undefined) return ctx.route(name, method);
    const memo = target.memo;
    if (memo !== undefined && memo.ctx === ctx && memo.method === method) return memo.route;
    const route = ctx.route(target.name, method);
    target.memo = { ctx, method, route };
    return route;
  }

  private encode(method: string, target: RequestTarget, opts: RequestOptions | undefined): Encoded {
    const plain =
      (opts === undefined ||
        (opts.headers === undefined && opts.json === undefined && opts.body === undefined)) &&
      this.jar === undefined &&
      !hasKeys(this.headers);
    // The common case (a bare request, no cookies) reuses one encoded buffer per path.
    if (plain) return target.plain(method);
    let headers: Record<string, string> | undefined = hasKeys(this.headers)
      ? { ...this.headers }
      : undefined;
    if (opts?.headers) headers = { ...headers, ...opts.headers };
    let body: string | Uint8Array | undefined = opts?.body;
    if (opts?.json !== undefined) {
      body = JSON.stringify(opts.json);
      // A content type the flow set wins, however it spelled the header's name.
      if (!hasHeader(headers, 'content-type'))
        headers = { 'content-type': 'application/json', ...headers };
    }
    if (this.jar !== undefined) {
      const cookie = this.jar.getCookieStringSync(target.url);
      if (cookie !== '') headers = { ...headers, cookie };
    }
    return target.encode(method, headers, body);
  }

  /** A free connection to the target's origin: one per VU, more while requests overlap. */
  private connection(target: RequestTarget): Http1Connection {
    let list = this.connections.get(target.origin.key);
    if (list === undefined) this.connections.set(target.origin.key, (list = []));
    for (const c of list) if (!c.busy) return c;
    const c = new Http1Connection(target.origin, {
      insecureSkipTlsVerify: this.settings.insecureSkipTlsVerify,
    });
    if (this.stopped) c.destroy();
    else this.sweeper.add(c);
    list.push(c);
    return c;
  }

  /** Ends this VU's connections: an in-flight request fails at once and is not recorded. */
  async destroy(): Promise<void> {
    this.stopped = true;
    for (const list of this.connections.values()) {
      for (const c of list) {
        c.destroy();
        this.sweeper.remove(c);
      }
    }
    this.connections.clear();
    return Promise.resolve();
  }

  private storeCookie(cookie: string, url: string): void {
    this.jar ??= new CookieJar();
    try {
      this.jar.setCookieSync(cookie, url);
    } catch {
      // A cookie the jar refuses (bad domain) is ignored, as a browser would.
    }
  }
}

function hasHeader(headers: Record<string, string> | undefined, lowerName: string): boolean {
  for (const k in headers) if (k.toLowerCase() === lowerName) return true;
  return false;
}

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}
