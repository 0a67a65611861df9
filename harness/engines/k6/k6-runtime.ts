/**
 * Runs inside k6 (bundled into the exported script): maps loadrig's VU context onto k6's
 * modules. It may use only standard JavaScript and what k6 passes in.
 */
import { parseDuration } from '../../../scenarios/duration.js';
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

export function createVu(k6: K6Modules, globals: K6Globals): VuContext {
  const baseUrl = (globals.env['BASE_URL'] ?? '').replace(/\/$/, '');
  const request = async (
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<HttpResponse> => {
    const url = /^https?:\/\//i.test(path) ? path : baseUrl + path;
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: string | null = null;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    } else if (typeof opts.body === 'string') {
      body = opts.body;
    } else if (opts.body !== undefined) {
      body = new TextDecoder().decode(opts.body);
    }
    const params: Record<string, unknown> = {
      headers,
      tags: { ...(opts.tags ?? {}), name: opts.name ?? pathName(path) },
      responseType: 'text',
    };
    if (opts.timeout !== undefined)
      params['timeout'] = `${parseDuration(opts.timeout, 'timeout')}ms`;
    const res = await k6.http.asyncRequest(method, url, body, params);
    const text = res.body ?? '';
    return {
      status: res.status,
      headers: res.headers,
      body: text,
      durationMs: res.timings.duration,
      ...(res.error ? { error: res.error } : {}),
      json<T>(): T {
        return JSON.parse(text) as T;
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
  };
  return {
    id: globals.vu,
    iteration: globals.iteration,
    env: globals.env,
    http,
    check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean {
      return k6.check(value, checks as Record<string, (v: unknown) => boolean>, tags);
    },
    async sleep(duration: number | string): Promise<void> {
      k6.sleep(
        typeof duration === 'number' ? duration : parseDuration(duration, 'vu.sleep') / 1000,
      );
    },
  };
}
