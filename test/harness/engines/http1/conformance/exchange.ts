import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Client, buildConnector, interceptors, type Dispatcher } from 'undici';
import type { MetricKind, Tags } from '../../../../../core/run-dir/run-data.js';
import type { MetricSink, SeriesHandle } from '../../../../../harness/aggregator/metric-sink.js';
import { TimeoutSweeper } from '../../../../../harness/engines/builtin/http1/timeout-sweeper.js';
import { TargetResolver } from '../../../../../harness/engines/builtin/request-target.js';
import { TagContext } from '../../../../../harness/engines/builtin/tag-context.js';
import { VuHttp } from '../../../../../harness/engines/builtin/vu-http.js';

/** One request of a case; `follow` lets the client follow redirects (each hop counted). */
export interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  follow?: boolean;
}

/** What a client made of one step: what a flow sees, and the bytes it received for it. */
export interface Seen {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  receivedBytes: number;
}

/** Headers that differ between two runs by the clock alone (same length, other second). */
const CLOCK_HEADERS = new Set(['date']);

/**
 * Headers by lower-case name, values without surrounding whitespace: RFC 9110 §5.5 excludes it
 * from the field value, and loadrig and node:http strip it where undici keeps trailing spaces.
 */
function comparable(headers: Record<string, string | string[] | undefined>): Seen['headers'] {
  const out: Seen['headers'] = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || CLOCK_HEADERS.has(k.toLowerCase())) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.map((x) => x.trim()) : v.trim();
  }
  return out;
}

/** Counts what loadrig records as data_received. */
class ReceivedBytes implements MetricSink {
  total = 0;
  series(metric: string, _kind: MetricKind, _tags: Tags): SeriesHandle {
    return metric === 'data_received' ? { add: (v) => (this.total += v) } : { add: () => {} };
  }
  trend(): void {}
  counter(): void {}
  rate(): void {}
  gauge(): void {}
  vus(): void {}
}

/** The built-in engine's client, as one VU runs it: one VuHttp for every step of a case. */
export async function builtinExchange(origin: string, steps: readonly Step[]): Promise<Seen[]> {
  const sink = new ReceivedBytes();
  const sweeper = new TimeoutSweeper();
  const http = new VuHttp(
    new TargetResolver(new URL(origin)),
    { timeoutMs: 10_000, maxRedirects: 10, insecureSkipTlsVerify: false },
    sweeper,
    new TagContext(sink),
  );
  const seen: Seen[] = [];
  try {
    for (const step of steps) {
      const before = sink.total;
      const res = await http.request(step.method, step.path, {
        ...(step.headers ? { headers: step.headers } : {}),
        ...(step.body !== undefined ? { body: step.body } : {}),
        redirects: step.follow === true ? 10 : 0,
      });
      if (res.error !== undefined) throw new Error(`built-in client: ${step.path}: ${res.error}`);
      seen.push({
        status: res.status,
        headers: comparable(res.headers),
        body: res.body,
        receivedBytes: sink.total - before,
      });
    }
  } finally {
    await http.destroy();
  }
  return seen;
}

/** A body as its content-encoding says, undone with Node's zlib (the reference). */
function decoded(bytes: Buffer, encoding: string | string[] | undefined): Buffer {
  let out = bytes;
  if (bytes.length === 0) return bytes; // a HEAD, 204 or 304 answer states a coding it has no body for
  const codings = String(encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  for (const c of codings.reverse()) {
    if (c === 'gzip') out = gunzipSync(out);
    else if (c === 'deflate') out = inflateSync(out);
    else if (c === 'br') out = brotliDecompressSync(out);
  }
  return out;
}

/** undici, the kept client: bytes received counted on its sockets, redirects by its interceptor. */
export async function undiciExchange(origin: string, steps: readonly Step[]): Promise<Seen[]> {
  const sockets: Socket[] = [];
  const base = buildConnector({});
  const client = new Client(origin, {
    connect: (opts, cb) =>
      base(opts, (...args) => {
        if (args[1] !== null) sockets.push(args[1]);
        cb(...args);
      }),
  });
  const following = client.compose(interceptors.redirect({ maxRedirections: 10 }));
  const bytesRead = (): number => sockets.reduce((sum, s) => sum + s.bytesRead, 0);
  const seen: Seen[] = [];
  try {
    for (const step of steps) {
      const before = bytesRead();
      const dispatcher: Dispatcher = step.follow === true ? following : client;
      const res = await dispatcher.request({
        origin,
        path: step.path,
        method: step.method as Dispatcher.HttpMethod,
        ...(step.headers ? { headers: step.headers } : {}),
        ...(step.body !== undefined ? { body: step.body } : {}),
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      seen.push({
        status: res.statusCode,
        headers: comparable(res.headers),
        body: decoded(bytes, res.headers['content-encoding']).toString(),
        receivedBytes: bytesRead() - before,
      });
    }
  } finally {
    await client.close();
  }
  return seen;
}

/**
 * node:http, the reference where undici departs from the standard: it refuses a 100 Continue it
 * did not ask for (RFC 9110 §15.2: a client must accept any 1xx) and sends `connection: close`
 * with every HEAD, so the server answers it differently. No redirects are followed here.
 */
export async function nodeHttpExchange(origin: string, steps: readonly Step[]): Promise<Seen[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<Socket>();
  const bytesRead = (): number => [...sockets].reduce((sum, s) => sum + s.bytesRead, 0);
  const seen: Seen[] = [];
  try {
    for (const step of steps) {
      const before = bytesRead();
      const { status, headers, bytes } = await new Promise<{
        status: number;
        headers: IncomingHttpHeaders;
        bytes: Buffer;
      }>((resolve, reject) => {
        const req = httpRequest(new URL(step.path, origin), {
          method: step.method,
          agent,
          headers: step.headers ?? {},
        });
        req.on('socket', (s) => sockets.add(s));
        req.on('error', reject);
        req.on('response', (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              bytes: Buffer.concat(parts),
            }),
          );
        });
        req.end(step.body);
      });
      seen.push({
        status,
        headers: comparable(headers),
        body: decoded(bytes, headers['content-encoding']).toString(),
        receivedBytes: bytesRead() - before,
      });
    }
  } finally {
    agent.destroy();
  }
  return seen;
}
