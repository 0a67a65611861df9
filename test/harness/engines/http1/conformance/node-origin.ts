import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedText } from './nginx-origin.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

const later = (ms: number, fn: () => void): void => void setTimeout(fn, ms);

/** What a Node server sends that nginx's static files do not: 1xx, trailers, slow bodies. */
const ROUTES: Record<string, Handler> = {
  '/trailers': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', trailer: 'x-checksum' });
    res.write('part one, ');
    res.write('part two');
    res.addTrailers({ 'x-checksum': 'abc123' });
    res.end();
  },
  // Sent whether or not the client asked: a client must read past any 1xx.
  '/continue': (_req, res, body) => {
    res.writeContinue();
    res.end(`received ${body.length} bytes`);
  },
  '/early-hints': (_req, res) => {
    res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
    res.writeProcessing();
    res.end('after hints');
  },
  '/no-content': (_req, res) => {
    res.writeHead(204, { 'x-reason': 'nothing to say' });
    res.end();
  },
  '/not-modified': (_req, res) => {
    res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=60' });
    res.end();
  },
  '/head-length': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1234' });
    res.end(); // a HEAD answer states the GET's length and sends no body
  },
  '/redirect-302': (_req, res) => redirect(res, 302, '/landing'),
  '/redirect-303': (_req, res) => redirect(res, 303, '/landing'),
  '/redirect-307': (_req, res) => redirect(res, 307, '/echo'),
  '/redirect-chain': (_req, res) => redirect(res, 301, '/redirect-302'),
  '/landing': (req, res) => res.end(`landed by ${req.method}`),
  '/echo': (req, res, body) => {
    res.setHeader('content-type', 'application/octet-stream');
    res.end(Buffer.concat([Buffer.from(`${req.method} `), body]));
  },
  '/json': (_req, res, body) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ got: JSON.parse(body.toString() || 'null') as unknown }));
  },
  '/slow': (_req, res) => {
    res.setHeader('content-type', 'text/plain');
    const parts = ['slow ', 'body ', 'in ', 'five ', 'parts'];
    const next = (i: number): void => {
      if (i === parts.length) return void res.end();
      res.write(parts[i]);
      later(40, () => next(i + 1));
    };
    next(0);
  },
  '/unicode': (_req, res) => {
    const bytes = Buffer.from('añ€😀 '.repeat(50));
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    // Writes cut through multi-byte characters.
    for (let at = 0; at < bytes.length; at += 7) res.write(bytes.subarray(at, at + 7));
    res.end();
  },
  '/big-chunked': (_req, res) => {
    const text = Buffer.from(fixedText(1024 * 1024, 11));
    for (let at = 0; at < text.length; at += 16_384) res.write(text.subarray(at, at + 16_384));
    res.end();
  },
  '/cookies': (_req, res) => {
    res.setHeader('set-cookie', ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/', 'lang=en']);
    res.end('three cookies');
  },
  '/big-headers': (_req, res) => {
    res.setHeader('x-large', 'y'.repeat(12_000));
    res.setHeader('x-list', ['one', 'two']);
    res.end('large head');
  },
  '/close': (_req, res) => {
    res.setHeader('connection', 'close');
    res.end('closing');
  },
  '/status-418': (_req, res) => {
    res.writeHead(418, "I'm a teapot", { 'content-type': 'text/plain' });
    res.end('short and stout');
  },
};

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-type': 'text/plain' });
  res.end(`see ${location}`);
}

export interface NodeOrigin extends AsyncDisposable {
  url: string;
}

export async function startNodeOrigin(): Promise<NodeOrigin> {
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const route = ROUTES[(req.url ?? '/').split('?')[0] as string];
      if (route === undefined) {
        res.writeHead(404).end('no such route');
        return;
      }
      route(req, res, Buffer.concat(parts));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
