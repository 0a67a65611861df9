/**
 * A double of k6's `k6/http` `asyncRequest`, modelled on grafana/k6 js/modules/k6/http/request.go
 * (the body types and params it accepts), lib/netext/httpext (redirects, timeouts, the samples
 * and tags of each request) and Go's net/http (canonical header names). Live, it sends real
 * requests to a local test server; otherwise it answers from the world's `respond`. Test-only.
 */
import { request as httpRequest } from 'node:http';
import { CookieJar } from 'tough-cookie';
import type { K6VuState, K6World } from './k6-world.js';
import { k6DurationMs } from './k6-values.js';

/** Go's textproto.CanonicalMIMEHeaderKey: `content-type` → `Content-Type`. */
export const canonicalHeader = (name: string): string =>
  name
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

const PARAMS = new Set([
  'cookies',
  'headers',
  'jar',
  'compression',
  'redirects',
  'tags',
  'auth',
  'timeout',
  'throw',
  'responseType',
  'responseCallback',
]);
const isArrayBuffer = (v: unknown): v is ArrayBuffer =>
  Object.prototype.toString.call(v) === '[object ArrayBuffer]';

/** The request body as k6 takes it: string, ArrayBuffer, a plain object (a form), or nothing. */
function bodyBytes(body: unknown, headers: Record<string, string>): Buffer | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (isArrayBuffer(body)) return Buffer.from(new Uint8Array(body));
  if (Object.prototype.toString.call(body) === '[object Object]') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return Buffer.from(new URLSearchParams(body as Record<string, string>).toString());
  }
  const type = Object.prototype.toString.call(body).slice(8, -1);
  throw new Error(`unknown request body type ${type}`);
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  error: string;
  errorCode: number;
  setCookies: string[];
}

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) out[canonicalHeader(k)] = Array.isArray(v) ? v.join(', ') : v;
        resolve({
          status: res.statusCode ?? 0,
          headers: out,
          body: Buffer.concat(chunks).toString(),
          error: '',
          errorCode: 0,
          setCookies: res.headers['set-cookie'] ?? [],
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error('request timeout')));
    req.on('error', (e) =>
      resolve({
        status: 0,
        headers: {},
        body: '',
        error: e.message,
        errorCode: e.message === 'request timeout' ? 1050 : 1000,
        setCookies: [],
      }),
    );
    req.end(body);
  });
}

export function httpDouble(world: K6World, vu: K6VuState): object {
  return {
    async asyncRequest(
      method: string,
      url: string,
      body: unknown,
      params: Record<string, unknown> = {},
    ) {
      if (vu.phase === 'init')
        throw new Error('Making http requests in the init context is not supported');
      world.record({
        fn: 'asyncRequest',
        method,
        url,
        body: isArrayBuffer(body) ? { arrayBuffer: Buffer.from(body).toString() } : body,
        params,
      });
      for (const key of Object.keys(params))
        if (!PARAMS.has(key)) throw new Error(`the double does not model params.${key}`);
      const headers: Record<string, string> = { 'User-Agent': 'k6-double' };
      for (const [k, v] of Object.entries((params['headers'] as Record<string, unknown>) ?? {}))
        headers[canonicalHeader(k)] = String(v);
      let payload = bodyBytes(body, headers);
      const timeoutMs = params['timeout'] === undefined ? 60_000 : k6DurationMs(params['timeout']);
      if (timeoutMs === undefined)
        throw new Error(`invalid timeout value: ${String(params['timeout'])}`);
      const userTags = (params['tags'] as Record<string, unknown>) ?? {};
      for (const [k, v] of Object.entries(userTags))
        if (typeof v !== 'string')
          throw new Error(`invalid HTTP request metric tags: ${k} is not a string`);
      let redirectsLeft = Number(params['redirects'] ?? world.options.maxRedirects ?? 10);
      let answer: Answer;
      for (let hopUrl = url, hopMethod = method; ;) {
        const jar = (vu.jar ??= new CookieJar());
        const cookie = jar.getCookieStringSync(hopUrl);
        const started = performance.now();
        answer = world.options.live
          ? await send(
              hopUrl,
              hopMethod,
              cookie ? { ...headers, Cookie: cookie } : headers,
              payload,
              timeoutMs,
            )
          : {
              ...(world.options.respond?.(hopMethod, hopUrl) ?? {
                status: 200,
                headers: {},
                body: '',
              }),
              error: '',
              errorCode: 0,
              setCookies: [],
            };
        const tags: Record<string, string> = {
          ...vu.tags,
          ...(userTags as Record<string, string>),
          method: hopMethod,
          status: String(answer.status),
          url: hopUrl,
          expected_response: String(answer.status >= 200 && answer.status < 400),
        };
        tags['name'] ??= hopUrl;
        world.emit({ metric: 'http_reqs', kind: 'counter', value: 1, tags });
        world.emit({
          metric: 'http_req_duration',
          kind: 'trend',
          value: performance.now() - started,
          tags,
        });
        world.emit({
          metric: 'http_req_failed',
          kind: 'rate',
          value: answer.status === 0 || answer.status >= 400 ? 1 : 0,
          tags,
        });
        for (const c of answer.setCookies) jar.setCookieSync(c, hopUrl, { ignoreError: true });
        const location = answer.headers['Location'];
        if (
          ![301, 302, 303, 307, 308].includes(answer.status) ||
          location === undefined ||
          redirectsLeft <= 0
        )
          break;
        redirectsLeft--;
        hopUrl = new URL(location, hopUrl).href;
        if (
          answer.status === 303 ||
          ((answer.status === 301 || answer.status === 302) && hopMethod === 'POST')
        ) {
          hopMethod = 'GET';
          payload = undefined;
        }
      }
      return {
        status: answer.status,
        headers: answer.headers,
        body: params['responseType'] === 'none' ? null : answer.body,
        error: answer.error,
        error_code: answer.errorCode,
        timings: { duration: 1 },
      };
    },
  };
}
