import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Http1Connection,
  type Outcome,
} from '../../../../harness/engines/builtin/http1/http1-connection.js';
import { originOf } from '../../../../harness/engines/builtin/http1/origin.js';

/** A raw TCP server on 127.0.0.1 answering each request (one per read) with `answer(n)`. */
async function rawServer(answer: (n: number, socket: Socket) => string): Promise<{
  url: string;
  connections: () => number;
  server: Server;
}> {
  let connections = 0;
  let requests = 0;
  const server = createServer((socket) => {
    connections++;
    socket.on('data', () => socket.write(answer(++requests, socket)));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, connections: () => connections, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

const GET = Buffer.from('GET / HTTP/1.1\r\nhost: x\r\n\r\n');
const bodyOf = (o: Outcome): string =>
  'status' in o ? `${o.status} ${Buffer.concat(o.chunks).toString()}` : `error ${o.reason}`;

async function twoRequests(answer: (n: number, socket: Socket) => string): Promise<{
  outcomes: string[];
  connections: number;
}> {
  const srv = await rawServer(answer);
  servers.push(srv.server);
  const c = new Http1Connection(originOf(new URL(srv.url)), { insecureSkipTlsVerify: false });
  const outcomes = [bodyOf(await c.request(GET, true, false, 2000))];
  await new Promise((resolve) => setTimeout(resolve, 30)); // let stray bytes arrive
  outcomes.push(bodyOf(await c.request(GET, true, false, 2000)));
  c.destroy();
  return { outcomes, connections: srv.connections() };
}

const ok = (n: number): string => `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nr${n}`;

describe('Http1Connection and bytes no request asked for', () => {
  it('keeps one connection for well-framed responses', async () => {
    expect(await twoRequests(ok)).toEqual({ outcomes: ['200 r1', '200 r2'], connections: 1 });
  });

  it('drops a connection whose response ran past its length', async () => {
    const r = await twoRequests((n) => `${ok(n)}${n === 1 ? 'HTTP/1.1 500 Stale\r\n' : ''}`);
    expect(r).toEqual({ outcomes: ['200 r1', '200 r2'], connections: 2 });
  });

  it('drops a connection that answered one request twice', async () => {
    const r = await twoRequests((n) => (n === 1 ? ok(1) + ok(99) : ok(n)));
    expect(r).toEqual({ outcomes: ['200 r1', '200 r2'], connections: 2 });
  });

  it('drops a connection the server wrote to while no request was in flight', async () => {
    const r = await twoRequests((n, socket) => {
      if (n === 1) setTimeout(() => socket.write('HTTP/1.1 408 Request Timeout\r\n\r\n'), 5);
      return ok(n);
    });
    expect(r).toEqual({ outcomes: ['200 r1', '200 r2'], connections: 2 });
  });
});
