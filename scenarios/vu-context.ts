import type { DurationInput } from '../core/duration.js';
import type { ThinkTime } from './think-time.js';

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Serialised as the JSON body, with `content-type: application/json` unless `headers` set one. */
  json?: unknown;
  /** The body as text, or as bytes (sent as they are, on k6 as an ArrayBuffer). */
  body?: string | Uint8Array;
  /** Extra tags on this request's metrics. */
  tags?: Record<string, string>;
  /** Groups requests under one name in metrics (default: the path without its query). */
  name?: string;
  timeout?: DurationInput;
  /** Redirects to follow (default 10, as k6); each hop is recorded as its own request. */
  redirects?: number;
}

export interface HttpResponse {
  status: number;
  /** Keyed by lower-case name on both engines (`content-type`), whatever the server sent. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /**
   * Parses the body as JSON (throws when it is not); with a path (`'$.user.id'`, `'items[0]'`)
   * returns the value there, undefined when missing.
   */
  json<T = unknown>(path?: string): T;
  /** Transport error (connection refused, timeout), with status 0; undefined on any HTTP answer. */
  error?: string | undefined;
  durationMs: number;
}

export interface HttpApi {
  get(path: string, opts?: RequestOptions): Promise<HttpResponse>;
  post(path: string, opts?: RequestOptions): Promise<HttpResponse>;
  put(path: string, opts?: RequestOptions): Promise<HttpResponse>;
  patch(path: string, opts?: RequestOptions): Promise<HttpResponse>;
  del(path: string, opts?: RequestOptions): Promise<HttpResponse>;
  request(method: string, path: string, opts?: RequestOptions): Promise<HttpResponse>;
  /** This VU's default headers, sent with every request (e.g. an authorization token). */
  readonly headers: Record<string, string>;
}

export type Checks<T> = Record<string, (value: T) => boolean>;

/** What a flow gets: one virtual user. */
export interface VuContext {
  /** 1-based VU number, unique in the whole run (across worker threads, k6 segments and runners). */
  readonly id: number;
  /** 0-based iteration count of this VU in its scenario. */
  readonly iteration: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly http: HttpApi;
  /** Records each check in the `checks` rate metric; true when all passed. */
  check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean;
  /**
   * Seconds as a number (as k6's sleep), a duration string such as '500ms', or a think time
   * (`uniform('1s', '3s')`, `normal('2s', '500ms')`, `fixed('1s')`).
   */
  sleep(duration: number | string | ThinkTime): Promise<void>;
  /** Runs `fn` with its requests and checks tagged `group` (nested: `::outer::inner`), as k6. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export type Flow = (vu: VuContext) => Promise<void>;
