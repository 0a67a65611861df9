import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A response written byte for byte, and whether the server closes after it. */
interface Canned {
  wire: string;
  close: boolean;
  /** Written in pieces of this many bytes, a few milliseconds apart. */
  trickle?: number;
}

const body = 'delimited by the end of the connection\n'.repeat(30);

/** Framings real servers send that Node's and nginx's own code do not produce. */
const CANNED: Record<string, Canned> = {
  '/close-delimited': {
    wire: `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`,
    close: true,
  },
  '/http10-length': {
    wire: 'HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello',
    close: true,
  },
  '/http10-close': {
    wire: `HTTP/1.0 200 OK\r\nServer: old\r\n\r\n${body}`,
    close: true,
  },
  '/chunk-extensions': {
    wire:
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5;name=value\r\nhello\r\n' +
      '1;quoted="a;b"\r\n \r\n' +
      '000005\r\nworld\r\n' +
      '0;last\r\nX-Trailer: done\r\n\r\n',
    close: false,
  },
  '/no-reason': { wire: 'HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok', close: false },
  '/duplicates': {
    wire: 'HTTP/1.1 200 OK\r\ncontent-length: 3\r\nX-Dup: a\r\nx-dup: b\r\nX-Space:   padded   \r\n\r\nabc',
    close: false,
  },
  '/interim-in-one-write': {
    wire: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\ncreated',
    close: false,
  },
  '/trickle': {
    wire: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Slow: yes\r\n\r\n4\r\nslow\r\n6\r\n drips\r\n0\r\n\r\n',
    close: false,
    trickle: 3,
  },
};

export interface RawOrigin extends AsyncDisposable {
  url: string;
}

/** A TCP server answering each request (by its path) with a canned response. */
export async function startRawOrigin(): Promise<RawOrigin> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (d: Buffer) => {
      pending += d.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.slice(end + 4 + length);
        const path = head.split(' ')[1] ?? '/';
        const canned = CANNED[path] ?? {
          wire: 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
          close: false,
        };
        void answer(socket, canned);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(socket: Socket, canned: Canned): Promise<void> {
  const bytes = Buffer.from(canned.wire, 'latin1');
  const step = canned.trickle ?? bytes.length;
  for (let at = 0; at < bytes.length; at += step) {
    socket.write(bytes.subarray(at, at + step));
    if (canned.trickle !== undefined) await new Promise((r) => setTimeout(r, 5));
  }
  if (canned.close) socket.end();
}
