import type { Step } from './exchange.js';

export type OriginName = 'nginx' | 'node' | 'raw';

/** One conformance case: what it exercises, and the requests one client sends in order. */
export interface Case {
  name: string;
  origin: OriginName;
  exercises: string;
  steps: Step[];
  /** The kept client held up as right: undici, or node:http where undici departs (see exchange.ts). */
  reference?: 'undici' | 'node:http';
}

const NODE_HTTP = { reference: 'node:http' } as const;

const get = (path: string, extra: Partial<Step> = {}): Step => ({ method: 'GET', path, ...extra });
const gzip = { 'accept-encoding': 'gzip' };

export const CORPUS: Case[] = [
  // nginx: static files, gzip, keep-alive limits and closes.
  {
    name: 'static file',
    origin: 'nginx',
    exercises: 'content-length body',
    steps: [get('/small.txt')],
  },
  {
    name: 'empty file',
    origin: 'nginx',
    exercises: 'content-length: 0',
    steps: [get('/empty.txt')],
  },
  {
    name: 'large file',
    origin: 'nginx',
    exercises: '3 MiB content-length body over many reads',
    steps: [get('/large.txt')],
  },
  {
    name: 'gzip page',
    origin: 'nginx',
    exercises: 'gzip, chunked, decoded body',
    steps: [get('/gzip/page.txt', { headers: gzip })],
  },
  {
    name: 'gzip large',
    origin: 'nginx',
    exercises: '2 MiB gzip in many chunks',
    steps: [get('/gzip/large.txt', { headers: gzip })],
  },
  {
    name: 'gzip tiny',
    origin: 'nginx',
    exercises: 'gzip body smaller than its header',
    steps: [get('/gzip/tiny.txt', { headers: gzip })],
  },
  {
    name: 'gzip not asked',
    origin: 'nginx',
    exercises: 'no accept-encoding: plain body',
    steps: [get('/gzip/page.txt')],
  },
  {
    name: 'HEAD static',
    origin: 'nginx',
    exercises: 'HEAD: content-length, no body',
    steps: [{ method: 'HEAD', path: '/small.txt' }],
    ...NODE_HTTP,
  },
  {
    name: 'HEAD gzip',
    origin: 'nginx',
    exercises: 'HEAD of a chunked gzip response',
    steps: [{ method: 'HEAD', path: '/gzip/page.txt', headers: gzip }],
    ...NODE_HTTP,
  },
  {
    name: 'not found',
    origin: 'nginx',
    exercises: "404 with nginx's HTML body",
    steps: [get('/missing.txt')],
  },
  {
    name: 'method not allowed',
    origin: 'nginx',
    exercises: 'POST with a body to a static file: 405',
    steps: [{ method: 'POST', path: '/small.txt', body: 'x=1' }],
  },
  {
    name: 'redirect seen',
    origin: 'nginx',
    exercises: '301 returned, not followed',
    steps: [get('/redirect')],
  },
  {
    name: 'redirect followed',
    origin: 'nginx',
    exercises: '301 followed; both hops counted',
    steps: [get('/redirect', { follow: true })],
  },
  {
    name: 'not modified',
    origin: 'nginx',
    exercises: '304: headers, no body',
    steps: [
      get('/small.txt', { headers: { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' } }),
    ],
  },
  {
    name: 'range',
    origin: 'nginx',
    exercises: '206 partial content',
    steps: [get('/large.txt', { headers: { range: 'bytes=100-199' } })],
  },
  {
    name: 'no content',
    origin: 'nginx',
    exercises: '204 from return',
    steps: [get('/no-content')],
  },
  {
    name: 'sub filter',
    origin: 'nginx',
    exercises: 'chunked without gzip (body rewritten)',
    steps: [get('/sub/page.html')],
  },
  { name: 'json', origin: 'nginx', exercises: 'a JSON body from return', steps: [get('/json')] },
  {
    name: 'headers',
    origin: 'nginx',
    exercises: 'two set-cookie, 8 kB of headers',
    steps: [get('/headers')],
  },
  {
    name: 'keepalive_requests 2',
    origin: 'nginx',
    exercises: 'nginx closes every 2nd response; the client reconnects',
    steps: [1, 2, 3, 4, 5].map(() => get('/ka/small.txt')),
  },
  {
    name: 'keepalive_timeout 0',
    origin: 'nginx',
    exercises: 'Connection: close on every response',
    steps: [1, 2, 3].map(() => get('/close/small.txt')),
  },
  {
    name: 'mixed keep-alive',
    origin: 'nginx',
    exercises: 'one connection through gzip, 304, HEAD, 404, 204',
    steps: [
      get('/gzip/page.txt', { headers: gzip }),
      get('/small.txt', { headers: { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' } }),
      { method: 'HEAD', path: '/large.txt' },
      get('/missing.txt'),
      get('/no-content'),
      get('/small.txt'),
    ],
    ...NODE_HTTP,
  },
  // A Node server: 1xx, trailers, redirects, slow and cut bodies.
  {
    name: 'trailers',
    origin: 'node',
    exercises: 'chunked with a trailer field',
    steps: [get('/trailers')],
  },
  {
    name: '100 continue',
    origin: 'node',
    exercises: '100 Continue, then the answer to a POST',
    steps: [{ method: 'POST', path: '/continue', body: 'payload' }],
    ...NODE_HTTP,
  },
  {
    name: 'early hints',
    origin: 'node',
    exercises: '103 and 102 before the answer',
    steps: [get('/early-hints')],
  },
  { name: 'node 204', origin: 'node', exercises: '204 with headers', steps: [get('/no-content')] },
  {
    name: 'node 304',
    origin: 'node',
    exercises: '304 with an etag',
    steps: [get('/not-modified')],
  },
  {
    name: 'HEAD length',
    origin: 'node',
    exercises: 'HEAD stating 1234 bytes it does not send',
    steps: [{ method: 'HEAD', path: '/head-length' }],
    ...NODE_HTTP,
  },
  {
    name: '302 followed',
    origin: 'node',
    exercises: 'GET redirect',
    steps: [get('/redirect-302', { follow: true })],
  },
  {
    name: '303 after POST',
    origin: 'node',
    exercises: 'POST, 303, then GET without the body',
    steps: [{ method: 'POST', path: '/redirect-303', body: 'form', follow: true }],
  },
  {
    name: '307 keeps POST',
    origin: 'node',
    exercises: 'POST, 307, the same POST again',
    steps: [{ method: 'POST', path: '/redirect-307', body: 'kept body', follow: true }],
  },
  {
    name: 'redirect chain',
    origin: 'node',
    exercises: '301 to 302 to 200, three hops',
    steps: [get('/redirect-chain', { follow: true })],
  },
  {
    name: 'slow body',
    origin: 'node',
    exercises: 'five chunks 40 ms apart',
    steps: [get('/slow')],
  },
  {
    name: 'unicode cut',
    origin: 'node',
    exercises: 'UTF-8 characters split across chunks',
    steps: [get('/unicode')],
  },
  {
    name: 'big chunked',
    origin: 'node',
    exercises: '1 MiB in 16 kB chunks',
    steps: [get('/big-chunked')],
  },
  {
    name: 'cookies',
    origin: 'node',
    exercises: 'three set-cookie headers',
    steps: [get('/cookies')],
  },
  {
    name: 'big headers',
    origin: 'node',
    exercises: 'a 12 kB header, a repeated header',
    steps: [get('/big-headers')],
  },
  {
    name: 'json echo',
    origin: 'node',
    exercises: 'POST JSON, JSON back',
    steps: [
      {
        method: 'POST',
        path: '/json',
        body: '{"n":1}',
        headers: { 'content-type': 'application/json' },
      },
    ],
  },
  {
    name: 'connection close',
    origin: 'node',
    exercises: 'Connection: close, then a new connection',
    steps: [get('/close'), get('/close')],
  },
  {
    name: 'teapot',
    origin: 'node',
    exercises: 'an uncommon status and reason',
    steps: [get('/status-418')],
  },
  // Framings written byte for byte.
  {
    name: 'close-delimited',
    origin: 'raw',
    exercises: 'no length: the body ends with the connection',
    steps: [get('/close-delimited')],
  },
  {
    name: 'HTTP/1.0 length',
    origin: 'raw',
    exercises: 'an HTTP/1.0 answer with a length, then close',
    steps: [get('/http10-length')],
  },
  {
    name: 'HTTP/1.0 close',
    origin: 'raw',
    exercises: 'an HTTP/1.0 answer delimited by close',
    steps: [get('/http10-close')],
  },
  {
    name: 'chunk extensions',
    origin: 'raw',
    exercises: 'extensions, leading zeros, a trailer',
    steps: [get('/chunk-extensions')],
  },
  {
    name: 'no reason phrase',
    origin: 'raw',
    exercises: "'HTTP/1.1 200' with nothing after",
    steps: [get('/no-reason')],
  },
  {
    name: 'duplicate headers',
    origin: 'raw',
    exercises: 'one header twice in two cases; padded value',
    steps: [get('/duplicates')],
  },
  {
    name: 'interim in one write',
    origin: 'raw',
    exercises: '100 and 103 and 201 in one read',
    steps: [get('/interim-in-one-write')],
    ...NODE_HTTP,
  },
  {
    name: 'trickle',
    origin: 'raw',
    exercises: 'a response in 3-byte writes',
    steps: [get('/trickle')],
  },
];
