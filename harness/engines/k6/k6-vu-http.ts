/**
 * Runs inside k6: `vu.http` over k6's `http.asyncRequest`, shaped so a flow sees what the
 * built-in engine gives it (lower-case response headers, the same `name` tag, the same body
 * rules). Standard JavaScript only: k6 has no `URL`, `TextDecoder` or `Buffer`.
 */
import { parseDuration } from '../../../core/duration.js';
import { jsonPath } from '../../../scenarios/json-path.js';
import type { HttpApi, HttpResponse, RequestOptions } from '../../../scenarios/vu-context.js';

export interface K6HttpModule {
  asyncRequest(
    method: string,
    url: string,
    body: string | ArrayBuffer | null,
    params: Record<string, unknown>,
  ): Promise<K6Response>;
}

export interface K6Response {
  status: number;
  /** k6 keys these in Go's canonical form (`Content-Type`). */
  headers: Record<string, string>;
  body: string | null;
  error: string;
  error_code: number;
  timings: { duration: number };
}

export interface K6VuHttpSettings {
  id: number;
  baseUrl: string;
  timeoutMs: number;
  groupTags(): Record<string, string>;
}

/** This VU's default headers: kept across iterations, as `vu.http.headers` is on loadrig's engine. */
const defaultHeadersByVu = new Map<number, Record<string, string>>();

/** The path of a URL without its query or fragment: the default `name` tag on both engines. */
export function pathOf(url: string): string {
  const noQuery = url.split(/[?#]/)[0] ?? url;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(noQuery);
  return m ? (m[1] ?? '/') : noQuery;
}

function hasHeader(headers: Record<string, string>, lowerName: string): boolean {
  for (const k in headers) if (k.toLowerCase() === lowerName) return true;
  return false;
}

/** k6 takes bytes as an ArrayBuffer (it refuses a Uint8Array): copy exactly the view's bytes. */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function k6Http(http: K6HttpModule, s: K6VuHttpSettings): HttpApi {
  let defaults = defaultHeadersByVu.get(s.id);
  if (!defaults) defaultHeadersByVu.set(s.id, (defaults = {}));
  const defaultHeaders = defaults;
  const base = s.baseUrl.replace(/\/$/, '');

  const request = async (
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<HttpResponse> => {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(path)
      ? path
      : base + (path.startsWith('/') ? path : `/${path}`);
    const headers: Record<string, string> = { ...defaultHeaders, ...(opts.headers ?? {}) };
    let body: string | ArrayBuffer | null = null;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
    } else if (typeof opts.body === 'string') {
      body = opts.body;
    } else if (opts.body !== undefined) {
      body = arrayBufferOf(opts.body);
    }
    const params: Record<string, unknown> = {
      headers,
      tags: { ...(opts.tags ?? {}), ...s.groupTags(), name: opts.name ?? pathOf(url) },
      responseType: 'text',
      // k6 has no run-wide request timeout option: the scenario's `httpTimeout` goes on each call.
      timeout: `${Math.round(opts.timeout === undefined ? s.timeoutMs : parseDuration(opts.timeout, 'timeout'))}ms`,
    };
    if (opts.redirects !== undefined) params['redirects'] = opts.redirects;
    const res = await http.asyncRequest(method, url, body, params);
    const text = res.body ?? '';
    const lowered: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) lowered[k.toLowerCase()] = v;
    return {
      status: res.status,
      headers: lowered,
      body: text,
      durationMs: res.timings.duration,
      ...(res.error ? { error: res.error } : {}),
      json<T>(at?: string): T {
        const parsed: unknown = JSON.parse(text);
        return (at === undefined ? parsed : jsonPath(parsed, at)) as T;
      },
    };
  };
  return {
    get: (path, opts) => request('GET', path, opts),
    post: (path, opts) => request('POST', path, opts),
    put: (path, opts) => request('PUT', path, opts),
    patch: (path, opts) => request('PATCH', path, opts),
    del: (path, opts) => request('DELETE', path, opts),
    request,
    headers: defaultHeaders,
  };
}
