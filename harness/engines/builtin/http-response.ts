import type { HttpResponse } from '../../../scenarios/vu-context.js';
import { jsonPath } from '../../../scenarios/json-path.js';
import { decodedBody } from './content-coding.js';

type Headers = HttpResponse['headers'];
const EMPTY: Buffer[] = [];
const SET_COOKIE = /\r\nset-cookie[ \t]*:/i;
const CONTENT_ENCODING = /\r\ncontent-encoding[ \t]*:/i;
const EMPTY_BODY = Buffer.alloc(0);

/**
 * A response as the flow sees it. The body and headers stay raw buffers until the flow reads
 * them: most load-test flows look at the status only, and decoding every body would cost more
 * than the request itself.
 */
export class BuiltinResponse implements HttpResponse {
  private text: string | undefined;
  private parsedHeaders: Headers | undefined;

  constructor(
    readonly status: number,
    /** Status line and headers as received (latin1), parsed on first read. */
    private readonly head: string,
    private readonly chunks: Buffer[],
    readonly durationMs: number,
    readonly error: string | undefined,
    readonly url: string,
  ) {}

  static failed(error: string, durationMs: number, url: string): BuiltinResponse {
    return new BuiltinResponse(0, '', EMPTY, durationMs, error, url);
  }

  get body(): string {
    if (this.text === undefined) {
      const c = this.chunks;
      const raw =
        c.length === 0 ? EMPTY_BODY : c.length === 1 ? (c[0] as Buffer) : Buffer.concat(c);
      // Only a head that names a coding is parsed for it: the common response pays one test.
      const coded = CONTENT_ENCODING.test(this.head) ? this.header('content-encoding') : undefined;
      this.text = decodedBody(raw, coded).toString();
    }
    return this.text;
  }

  get headers(): Headers {
    if (this.parsedHeaders === undefined) this.parsedHeaders = parseHead(this.head);
    return this.parsedHeaders;
  }

  json<T = unknown>(path?: string): T {
    const value: unknown = JSON.parse(this.body);
    return (path === undefined ? value : jsonPath(value, path)) as T;
  }

  header(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
  }
}

/** `set-cookie` values, without parsing the other headers. */
export function setCookies(head: string): string[] {
  if (!SET_COOKIE.test(head)) return [];
  const v = parseHead(head)['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function parseHead(head: string): Headers {
  const out: Record<string, string | string[]> = {};
  const lines = head.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}
