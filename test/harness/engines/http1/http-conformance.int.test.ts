import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentGate } from '../../../helpers/require-component.js';
import { CORPUS, type Case, type OriginName } from './conformance/corpus.js';
import { builtinExchange, nodeHttpExchange, undiciExchange } from './conformance/exchange.js';
import { nginxBinary, startNginx } from './conformance/nginx-origin.js';
import { startNodeOrigin } from './conformance/node-origin.js';
import { startRawOrigin } from './conformance/raw-origin.js';

/**
 * The built-in HTTP/1.1 client against real servers, held to undici on every case of the
 * corpus: the same status, headers (but `date`), decoded body, and bytes received. The bytes
 * are the response as it crossed the connection (1xx heads, head, chunk framing, trailers and
 * the body as sent, compressed if it was): loadrig's data_received, counted on undici's socket.
 */
const binary = nginxBinary();
const nginxGate = componentGate(
  'LOADRIG_REQUIRE_NGINX',
  binary !== undefined,
  "nginx (Debian's nginx or nginx-light package)",
);

const origins = new Map<OriginName, { url: string } & AsyncDisposable>();
beforeAll(async () => {
  origins.set('node', await startNodeOrigin());
  origins.set('raw', await startRawOrigin());
  if (binary !== undefined) origins.set('nginx', await startNginx(binary));
});
afterAll(async () => {
  for (const o of origins.values()) await o[Symbol.asyncDispose]();
});

async function conforms(c: Case): Promise<void> {
  const origin = origins.get(c.origin);
  if (origin === undefined) throw new Error(`no ${c.origin} origin`);
  const reference = c.reference === 'node:http' ? nodeHttpExchange : undiciExchange;
  const theirs = await reference(origin.url, c.steps);
  const ours = await builtinExchange(origin.url, c.steps);
  expect(ours).toEqual(theirs);
}

describe('the built-in client gives what undici gives', () => {
  it('has a corpus of at least 30 cases over nginx, Node and hand-written framings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  describe('from Node and hand-written servers', () => {
    it.each(CORPUS.filter((c) => c.origin !== 'nginx'))('$origin: $name ($exercises)', conforms);
  });

  describe.skipIf(nginxGate.skip)('from nginx', () => {
    it.each(CORPUS.filter((c) => c.origin === 'nginx'))('$name ($exercises)', conforms);
  });
});
