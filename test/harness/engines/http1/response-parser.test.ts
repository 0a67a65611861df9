import { describe, expect, it } from 'vitest';
import {
  ResponseParser,
  type ParsedResponse,
} from '../../../../harness/engines/builtin/http1/response-parser.js';

function parse(wire: string, splitEvery = 0, noBody = false): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  const p = new ResponseParser((r) => out.push(r));
  p.noBody = noBody;
  const bytes = Buffer.from(wire, 'latin1');
  if (splitEvery === 0) p.feed(bytes);
  else for (let i = 0; i < bytes.length; i += splitEvery) p.feed(bytes.subarray(i, i + splitEvery));
  return out;
}
const body = (r: ParsedResponse | undefined): string => Buffer.concat(r?.chunks ?? []).toString();

describe('ResponseParser', () => {
  const twoResponses =
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello' +
    'HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n';

  it('frames content-length responses, whatever the chunk boundaries', () => {
    for (const split of [0, 1, 3, 7]) {
      const rs = parse(twoResponses, split);
      expect(rs.map((r) => r.status)).toEqual([200, 404]);
      expect(body(rs[0])).toBe('hello');
      expect(rs[0]?.head).toBe('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1');
      expect(rs[0]?.wireBytes).toBe(twoResponses.indexOf('HTTP/1.1 404'));
      expect(rs[0]?.close).toBe(false);
    }
  });

  it('decodes chunked bodies with trailers, split anywhere', () => {
    const wire =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n';
    for (const split of [0, 1, 2, 5]) {
      const rs = parse(wire, split);
      expect(rs).toHaveLength(1);
      expect(body(rs[0])).toBe('Wikipedia');
      expect(rs[0]?.wireBytes).toBe(wire.length);
    }
  });

  it('knows bodiless responses: 204, 304 and answers to HEAD', () => {
    expect(
      parse('HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx').map(
        (r) => r.status,
      ),
    ).toEqual([204, 200]);
    const head = parse('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n', 0, true);
    expect(head).toHaveLength(1);
    expect(body(head[0])).toBe('');
  });

  it('skips 100 Continue, and marks connection: close and HTTP/1.0 responses', () => {
    const rs = parse(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok',
    );
    expect(rs.map((r) => [r.status, r.close])).toEqual([[201, true]]);
    expect(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')[0]?.close).toBe(true);
  });

  it('reads a body without framing until the connection closes', () => {
    const out: ParsedResponse[] = [];
    const p = new ResponseParser((r) => out.push(r));
    p.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\npart1 '));
    p.feed(Buffer.from('part2'));
    expect(out).toHaveLength(0);
    expect(p.end()).toBe(true);
    expect(body(out[0])).toBe('part1 part2');
  });

  it('rejects what is not HTTP/1.x', () => {
    expect(() => parse('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(/not an HTTP\/1.x response/);
  });
});
