import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodedBody } from '../../../harness/engines/builtin/content-coding.js';
import { BuiltinResponse } from '../../../harness/engines/builtin/http-response.js';

const text = 'héllo, compressed world '.repeat(20);
const raw = Buffer.from(text);

describe('response bodies with a content-encoding', () => {
  it.each([
    ['gzip', gzipSync(raw)],
    ['x-gzip', gzipSync(raw)],
    ['deflate', deflateSync(raw)],
    ['deflate', deflateRawSync(raw)],
    ['br', brotliCompressSync(raw)],
    ['identity', raw],
    ['gzip, br', brotliCompressSync(gzipSync(raw))],
    [' GZIP ', gzipSync(raw)],
  ])('undoes %j as k6 does', (coding, bytes) => {
    expect(decodedBody(bytes, coding).toString()).toBe(text);
  });

  it('leaves a coding it does not know as it came, and names one that does not decode', () => {
    expect(decodedBody(raw, 'zstd')).toBe(raw);
    expect(() => decodedBody(Buffer.from('not gzip'), 'gzip')).toThrow(
      /does not decode as content-encoding gzip/,
    );
  });

  it('is what a flow reads as the body, headers left as the server sent them', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/plain';
    const gz = gzipSync(raw);
    const res = new BuiltinResponse(
      200,
      head,
      [gz.subarray(0, 10), gz.subarray(10)],
      1,
      undefined,
      'u',
    );
    expect(res.body).toBe(text);
    expect(res.header('content-encoding')).toBe('gzip');
  });
});
