import { Client } from 'undici';
import { parseDuration } from '../../../scenarios/duration.js';
import type { HttpApi, HttpResponse, RequestOptions } from '../../../scenarios/vu-context.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { RequestTagCache } from './request-tags.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const EMPTY_HEADERS: Record<string, string> = {};

/**
 * One virtual user's HTTP: a keep-alive undici Client per origin (as each k6 VU has its own
 * connections), and the k6 http_* metrics recorded per request.
 */
export class VuHttp implements HttpApi {
  private readonly clients = new Map<string, Client>();
  /** When set, the next request's latency counts from this instant (open model). */
  scheduledStartMs: number | undefined;

  constructor(
    private readonly baseUrl: URL,
    private readonly sink: MetricSink,
    private readonly tagCache: RequestTagCache,
    private readonly signal: AbortSignal,
  ) {}

  get(path: string, opts?: RequestOptions): Promise<HttpResponse> {
    return this.request('GET', path, opts);
  }
  post(path: string, opts?: RequestOptions): Promise<HttpResponse> {
    return this.request('POST', path, opts);
  }
  put(path: string, opts?: RequestOptions): Promise<HttpResponse> {
    return this.request('PUT', path, opts);
  }
  patch(path: string, opts?: RequestOptions): Promise<HttpResponse> {
    return this.request('PATCH', path, opts);
  }
  del(path: string, opts?: RequestOptions): Promise<HttpResponse> {
    return this.request('DELETE', path, opts);
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const url = new URL(path, this.baseUrl);
    const timeoutMs =
      opts.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(opts.timeout, 'timeout');
    let headers = opts.headers ?? EMPTY_HEADERS;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers = { 'content-type': 'application/json', ...headers };
    }
    const start = this.scheduledStartMs ?? performance.now();
    this.scheduledStartMs = undefined;
    let status = 0;
    let text = '';
    let responseHeaders: HttpResponse['headers'] = {};
    let error: string | undefined;
    try {
      const res = await this.client(url.origin).request({
        method,
        path: url.pathname + url.search,
        headers,
        body: body ?? null,
        signal: this.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      text = await res.body.text();
    } catch (e) {
      error = errorCause(e);
    }
    const durationMs = performance.now() - start;
    if (this.signal.aborted && error !== undefined) {
      // Cut by the end of the run: not a measurement of the target.
      return response(0, {}, '', durationMs, error);
    }
    const tags = this.tagCache.get(opts.name ?? url.pathname, method, status, opts.tags);
    const failed = status === 0 || status >= 400;
    this.sink.trend('http_req_duration', tags, durationMs);
    this.sink.counter('http_reqs', tags, 1);
    this.sink.rate('http_req_failed', tags, failed);
    this.sink.counter(
      'data_received',
      tags,
      Buffer.byteLength(text) + headerBytes(responseHeaders),
    );
    this.sink.counter(
      'data_sent',
      tags,
      (body ? Buffer.byteLength(body) : 0) + url.pathname.length + url.search.length + 32,
    );
    return response(status, responseHeaders, text, durationMs, error);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.destroy().catch(() => undefined)));
    this.clients.clear();
  }

  private client(origin: string): Client {
    let client = this.clients.get(origin);
    if (!client) {
      client = new Client(origin, { pipelining: 1, keepAliveTimeout: 60_000 });
      this.clients.set(origin, client);
    }
    return client;
  }
}

function response(
  status: number,
  headers: HttpResponse['headers'],
  body: string,
  durationMs: number,
  error: string | undefined,
): HttpResponse {
  return {
    status,
    headers,
    body,
    durationMs,
    ...(error !== undefined ? { error } : {}),
    json<T>(): T {
      return JSON.parse(body) as T;
    },
  };
}

function headerBytes(headers: HttpResponse['headers']): number {
  let n = 17; // status line
  for (const [k, v] of Object.entries(headers)) n += k.length + String(v).length + 4;
  return n;
}

function errorCause(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err.code ?? err.message ?? String(e);
}
