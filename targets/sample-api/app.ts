import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseDelayMs, type SampleApiConfig } from './config.js';
import { modes } from './modes/index.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 1024 * 1024;
// Precomputed: the hot endpoints of a benchmark target should cost as little as possible.
const HEALTH_BODY = Buffer.from(JSON.stringify({ status: 'ok' }));
const FAST_BODY = Buffer.from(
  JSON.stringify({ ok: true, service: 'sample-api', items: [1, 2, 3] }),
);
const ITEM_PATH = /^\/items\/([A-Za-z0-9_-]{1,64})$/;

export interface SampleApi {
  readonly server: Server;
  /** Stops accepting, closes idle keep-alive connections, ends busy ones after their response. */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, query: string) => void;

/** `workers` is the launcher's business (server.ts): each worker runs one of these. */
export function createSampleApi(config: Omit<SampleApiConfig, 'workers'>): SampleApi {
  let closing = false;
  const behaviour = modes[config.mode](config.modeSettings);

  const send = (res: ServerResponse, status: number, body: Buffer | object): void => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    res.writeHead(status, {
      'content-type': JSON_TYPE,
      'content-length': bytes.length,
      ...(closing ? { connection: 'close' } : {}),
    });
    res.end(bytes);
  };

  const echo: Handler = (req, res) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (bytes > MAX_BODY_BYTES) {
        return send(res, 413, {
          error: `body of ${bytes} bytes is above the limit of ${MAX_BODY_BYTES}`,
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        return send(res, 400, { error: `invalid JSON: ${(err as Error).message}` });
      }
      send(res, 200, { body, receivedAt: new Date().toISOString() });
    });
  };

  const delay: Handler = (_req, res, query) => {
    const text = new URLSearchParams(query).get('ms');
    const ms = text === null ? config.defaultDelayMs : parseDelayMs(text);
    if (typeof ms !== 'number') return send(res, 400, { error: `ms: ${ms.error}` });
    const timer = setTimeout(() => send(res, 200, { delayedMs: ms }), ms);
    res.once('close', () => clearTimeout(timer)); // the client gave up
  };

  const item = (res: ServerResponse, id: string): void => {
    let priceCents = 0;
    for (const char of id) priceCents = (priceCents * 31 + char.charCodeAt(0)) % 100_000;
    send(res, 200, { id, name: `item ${id}`, priceCents, inStock: priceCents % 7 !== 0 });
  };

  const routes: Record<string, { method: string; handle: Handler }> = {
    '/health': { method: 'GET', handle: (_req, res) => send(res, 200, HEALTH_BODY) },
    '/fast': { method: 'GET', handle: (_req, res) => send(res, 200, FAST_BODY) },
    '/echo': { method: 'POST', handle: echo },
    '/delay': { method: 'GET', handle: delay },
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
    const itemId = ITEM_PATH.exec(path)?.[1];
    const found = Object.hasOwn(routes, path)
      ? routes[path]
      : itemId !== undefined
        ? { method: 'GET', handle: (_req: IncomingMessage, r: ServerResponse) => item(r, itemId) }
        : undefined;
    if (!found) return send(res, 404, { error: 'not found', method: req.method, path });
    if (req.method !== found.method) {
      res.setHeader('allow', found.method);
      return send(res, 405, { error: `${req.method} not allowed; use ${found.method}`, path });
    }
    if (path === '/health') return found.handle(req, res, query);
    behaviour(
      () => found.handle(req, res, query),
      (message) => send(res, 503, { error: message }),
    );
  };

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, { error: `internal error: ${(err as Error).message}` });
    }
  });
  // Longer than typical client and load-balancer idle timeouts, so the server never closes a
  // connection a client is about to reuse; headersTimeout must exceed it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        behaviour.stop?.();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
