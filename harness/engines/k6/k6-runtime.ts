/**
 * Runs inside k6 (bundled into the exported script): maps loadrig's VU context onto k6's
 * modules. It may use only standard JavaScript, loadrig's pure helpers, and what k6 passes in.
 */
import { parseDuration } from '../../../core/duration.js';
import { jsonPath } from '../../../scenarios/json-path.js';
import { drawThinkTimeMs, type ThinkTime } from '../../../scenarios/think-time.js';
import type {
  Checks,
  HttpApi,
  HttpResponse,
  RequestOptions,
  VuContext,
} from '../../../scenarios/vu-context.js';

/** The parts of k6's modules the runtime uses, passed in so tests can substitute a recorder. */
export interface K6Modules {
  http: {
    asyncRequest(
      method: string,
      url: string,
      body: string | null,
      params: Record<string, unknown>,
    ): Promise<K6Response>;
  };
  check(
    value: unknown,
    checks: Record<string, (v: unknown) => boolean>,
    tags?: Record<string, string>,
  ): boolean;
  sleep(seconds: number): void;
}

export interface K6Response {
  status: number;
  headers: Record<string, string>;
  body: string | null;
  error: string;
  error_code: number;
  timings: { duration: number };
}

export interface K6Globals {
  env: Record<string, string | undefined>;
  vu: number;
  iteration: number;
}

function pathName(url: string): string {
  const noQuery = url.split('?')[0] ?? url;
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(noQuery);
  return m ? (m[1] ?? '/') : noQuery;
}

/** Per-VU state that outlives one iteration (default headers), keyed by k6's __VU. */
const vuHeaders = new Map<number, Record<string, string>>();

export function createVu(k6: K6Modules, globals: K6Globals): VuContext {
  const baseUrl = (globals.env['BASE_URL'] ?? '').replace(/\/$/, '');
  let headers = vuHeaders.get(globals.vu);
  if (!headers) vuHeaders.set(globals.vu, (headers = {}));
  const defaultHeaders = headers;
  // k6's own group() cannot wrap async functions, so groups are tags, named as k6 names them.
  const groups: string[] = [];
  const groupTag = (): Record<string, string> =>
    groups.length > 0 ? { group: `::${groups.join('::')}` } : {};

  const request = async (
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<HttpResponse> => {
    const url = /^https?:\/\//i.test(path) ? path : baseUrl + path;
    const requestHeaders: Record<string, string> = { ...defaultHeaders, ...(opts.headers ?? {}) };
    let body: string | null = null;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      requestHeaders['content-type'] ??= 'application/json';
    } else if (typeof opts.body === 'string') {
      body = opts.body;
    } else if (opts.body !== undefined) {
      body = new TextDecoder().decode(opts.body);
    }
    const params: Record<string, unknown> = {
      headers: requestHeaders,
      tags: { ...(opts.tags ?? {}), ...groupTag(), name: opts.name ?? pathName(path) },
      responseType: 'text',
    };
    if (opts.timeout !== undefined)
      params['timeout'] = `${parseDuration(opts.timeout, 'timeout')}ms`;
    if (opts.redirects !== undefined) params['redirects'] = opts.redirects;
    const res = await k6.http.asyncRequest(method, url, body, params);
    const text = res.body ?? '';
    return {
      status: res.status,
      headers: res.headers,
      body: text,
      durationMs: res.timings.duration,
      ...(res.error ? { error: res.error } : {}),
      json<T>(path?: string): T {
        const parsed: unknown = JSON.parse(text);
        return (path === undefined ? parsed : jsonPath(parsed, path)) as T;
      },
    };
  };
  const http: HttpApi = {
    get: (path, opts) => request('GET', path, opts),
    post: (path, opts) => request('POST', path, opts),
    put: (path, opts) => request('PUT', path, opts),
    patch: (path, opts) => request('PATCH', path, opts),
    del: (path, opts) => request('DELETE', path, opts),
    request,
    headers: defaultHeaders,
  };
  return {
    id: globals.vu,
    iteration: globals.iteration,
    env: globals.env,
    http,
    check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean {
      const merged = { ...groupTag(), ...(tags ?? {}) };
      return k6.check(
        value,
        checks as Record<string, (v: unknown) => boolean>,
        Object.keys(merged).length > 0 ? merged : undefined,
      );
    },
    async sleep(duration: number | string | ThinkTime): Promise<void> {
      const ms =
        typeof duration === 'number'
          ? duration * 1000
          : typeof duration === 'string'
            ? parseDuration(duration, 'vu.sleep')
            : drawThinkTimeMs(duration);
      k6.sleep(ms / 1000);
    },
    async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
      groups.push(name);
      try {
        return await fn();
      } finally {
        groups.pop();
      }
    },
  };
}
