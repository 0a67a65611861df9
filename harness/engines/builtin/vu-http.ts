import { CookieJar } from 'tough-cookie';
import { parseDuration } from '../../../scenarios/duration.js';
import type { HttpApi, RequestOptions } from '../../../scenarios/vu-context.js';
import { BuiltinResponse, setCookies } from './http-response.js';
import { Http1Connection } from './http1/http1-connection.js';
import type { TimeoutSweeper } from './http1/timeout-sweeper.js';
import type { Encoded, RequestTarget, TargetResolver } from './request-target.js';
import type { TagContext } from './tag-context.js';

/** How every VU's HTTP behaves (from the engine plan). */
export interface HttpSettings {
  timeoutMs: number;
  maxRedirects: number;
  /** Accept self-signed and otherwise invalid TLS certificates. */
  insecureSkipTlsVerify: boolean;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * One virtual user's HTTP: a keep-alive HTTP/1.1 connection per origin (as each k6 VU has its
 * own connections), a cookie jar, default headers, and the k6 http_* metrics per request.
 *
 * The hot path is built for requests per CPU-second: a bare request is a prebuilt buffer,
 * metric series are pre-resolved handles, the response head is scanned only for its framing
 * and the body is decoded only when the flow reads it. A hard stop destroys the connections.
 */
export class VuHttp implements HttpApi {
  readonly headers: Record<string, string> = {};
  private readonly connections = new Map<string, Http1Connection>();
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

  async request(method: string, path: string, opts?: RequestOptions): Promise<BuiltinResponse> {
    const start = this.scheduledStartMs ?? performance.now();
    this.scheduledStartMs = undefined;
    let target = this.targets.resolve(path);
    let redirectsLeft = opts?.redirects ?? this.settings.maxRedirects;
    for (;;) {
      const res = await this.once(method, target, opts, start);
      if (!REDIRECT.has(res.status) || redirectsLeft-- <= 0) return res;
      const location = res.header('location');
      if (location === undefined) return res;
      target = this.targets.resolve(new URL(location, target.url).href);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        if (opts !== undefined) {
          const { body: _body, json: _json, ...rest } = opts;
          opts = rest;
        }
      }
    }
  }

  private async once(
    method: string,
    target: RequestTarget,
    opts: RequestOptions | undefined,
    start: number,
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
      return BuiltinResponse.failed(outcome.error?.code ?? 'E_INTERRUPTED', durationMs, target.url);
    }
    const r = outcome.response;
    const status = r === undefined ? 0 : r.status;
    const ctx = opts?.tags === undefined ? this.ctx : this.ctx.with(opts.tags);
    const h = ctx.route(opts?.name ?? target.name, method).handles(status);
    h.duration.add(durationMs);
    h.reqs.add(1);
    h.failed.add(status === 0 || status >= 400 ? 1 : 0);
    h.received.add(r === undefined ? 0 : r.wireBytes);
    h.sent.add(encoded.sentBytes);
    if (r === undefined) {
      return BuiltinResponse.failed(outcome.error.code, durationMs, target.url);
    }
    for (const cookie of setCookies(r.head)) this.storeCookie(cookie, target.url);
    return new BuiltinResponse(status, r.head, r.chunks, durationMs, undefined, target.url);
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
      headers = { 'content-type': 'application/json', ...headers };
    }
    if (this.jar !== undefined) {
      const cookie = this.jar.getCookieStringSync(target.url);
      if (cookie !== '') headers = { ...headers, cookie };
    }
    return target.encode(method, headers, body);
  }

  private connection(target: RequestTarget): Http1Connection {
    let c = this.connections.get(target.origin.key);
    if (c === undefined) {
      c = new Http1Connection(target.origin, {
        insecureSkipTlsVerify: this.settings.insecureSkipTlsVerify,
      });
      if (this.stopped) c.destroy();
      else this.sweeper.add(c);
      this.connections.set(target.origin.key, c);
    }
    return c;
  }

  /** Ends this VU's connections: an in-flight request fails at once and is not recorded. */
  async destroy(): Promise<void> {
    this.stopped = true;
    for (const c of this.connections.values()) {
      c.destroy();
      this.sweeper.remove(c);
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

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}
