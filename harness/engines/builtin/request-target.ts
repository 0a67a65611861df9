import { InvalidValueError } from '../../../core/errors.js';
import { originOf, type Origin } from './http1/origin.js';
import type { Route, TagContext } from './tag-context.js';

/** A request ready to write: the bytes, and their count for `data_sent`. */
export interface Encoded {
  payload: Buffer;
  sentBytes: number;
}

const FORBIDDEN = /[\r\n]/;

/** A path resolved once: its origin, the request path, its default `name` tag. */
export class RequestTarget {
  private readonly plainByMethod = new Map<string, Encoded>();
  /** The last route this target was recorded under (by VuHttp): one check instead of a lookup. */
  memo: { ctx: TagContext; method: string; route: Route } | undefined;

  constructor(
    readonly origin: Origin,
    readonly path: string,
    readonly name: string,
    readonly url: string,
  ) {}

  /** A request with no headers or body: encoded once, reused for every such request. */
  plain(method: string): Encoded {
    let p = this.plainByMethod.get(method);
    if (p === undefined) {
      p = this.encode(method, undefined, undefined);
      this.plainByMethod.set(method, p);
    }
    return p;
  }

  encode(
    method: string,
    headers: Record<string, string> | undefined,
    body: string | Uint8Array | undefined,
  ): Encoded {
    let head = `${method} ${this.path} HTTP/1.1\r\nhost: ${this.origin.host}\r\n`;
    if (headers !== undefined) {
      for (const name in headers) {
        const value = headers[name] as string;
        if (FORBIDDEN.test(name) || FORBIDDEN.test(value)) {
          throw new InvalidValueError(
            `headers[${JSON.stringify(name)}]`,
            'contains a line break (CR or LF), which would split the request',
            'remove the line break from the header name and value',
          );
        }
        head += `${name}: ${value}\r\n`;
      }
    }
    const bodyBytes =
      body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    if (bodyBytes !== undefined || (method !== 'GET' && method !== 'HEAD')) {
      head += `content-length: ${bodyBytes?.byteLength ?? 0}\r\n`;
    }
    head += '\r\n';
    const headBytes = Buffer.from(head, 'latin1');
    const payload = bodyBytes === undefined ? headBytes : Buffer.concat([headBytes, bodyBytes]);
    return { payload, sentBytes: payload.length };
  }
}

/**
 * Resolves what a flow passes to `vu.http.get(...)`, a path on the base URL or an absolute URL,
 * once per distinct string (shared by every VU of a thread).
 */
export class TargetResolver {
  private readonly basePath: string;
  private readonly cache = new Map<string, RequestTarget>();
  private readonly origins = new Map<string, Origin>();

  constructor(private readonly base: URL) {
    this.basePath = base.pathname.replace(/\/$/, '');
  }

  resolve(path: string): RequestTarget {
    let t = this.cache.get(path);
    if (t === undefined) {
      const url = new URL(path.startsWith('/') ? this.basePath + path : path, this.base);
      let origin = this.origins.get(url.origin);
      if (origin === undefined) this.origins.set(url.origin, (origin = originOf(url)));
      t = new RequestTarget(origin, url.pathname + url.search, url.pathname, url.href);
      // Paths carrying ids would grow this without bound: keep the first few thousand.
      if (this.cache.size < 5000) this.cache.set(path, t);
    }
    return t;
  }
}
