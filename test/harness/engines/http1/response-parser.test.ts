import { describe, expect, it } from 'vitest';
import { withinMs } from '../../../helpers/fuzz.js';
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

describe('ResponseParser refuses what would misframe the connection', () => {
  const chunkedHead = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
  const refuse = (wire: string, message: RegExp): void => {
    for (const split of [0, 1, 4]) expect(() => parse(wire, split)).toThrow(message);
  };

  it('refuses a negative chunk size instead of reading backwards (it used to spin forever)', () => {
    withinMs(2000, () =>
      refuse(`${chunkedHead}2\r\nab\r\n-6\r\n0\r\n\r\n`, /bad chunk size line "-6"/),
    );
  });

  it('reads a chunk size as hex digits only, not as JavaScript would', () => {
    for (const line of ['0x3', '+3', ' 3', '3garbage', '0\u0000', '3;ext\rx']) {
      refuse(`${chunkedHead}${line}\r\nabc\r\n0\r\n\r\n`, /bad chunk size line/);
    }
    expect(body(parse(`${chunkedHead}3 ;name="a;b"\r\nabc\r\n0\r\n\r\n`)[0])).toBe('abc');
  });

  it('refuses chunk data that runs past its size, and framing lines without CR', () => {
    refuse(`${chunkedHead}3\r\nabcXY\r\n0\r\n\r\n`, /longer than its chunk size/);
    refuse(`${chunkedHead}3\nabc\r\n0\r\n\r\n`, /not ended by CRLF/);
  });

  it('refuses a content-length that is not one whole number', () => {
    for (const value of ['-1', 'abc', '1.5', '5 5', '', '99999999999999999999']) {
      refuse(`HTTP/1.1 200 OK\r\nContent-Length: ${value}\r\n\r\nabc`, /bad content-length/);
    }
    refuse(
      'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
      /another says 3/,
    );
    expect(body(parse('HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc')[0])).toBe('abc');
  });

  it('checks the status line digit by digit', () => {
    refuse('HTTP/1.1 1a0 OK\r\nContent-Length: 0\r\n\r\n', /bad status line/);
    refuse('HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n', /bad status line/);
    refuse('HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n', /bad status line/);
    expect(parse('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n')[0]?.status).toBe(200);
  });

  it('holds a head to its limit even when it arrives in one read', () => {
    const big = `HTTP/1.1 200 OK\r\nx-big: ${'b'.repeat(70_000)}\r\nContent-Length: 0\r\n\r\n`;
    refuse(big, /response head over 65536 bytes/);
  });

  it('limits chunk-size lines and trailers', () => {
    refuse(`${chunkedHead}3;${'e'.repeat(20_000)}\r\nabc\r\n0\r\n\r\n`, /chunk-size line over/);
    refuse(`${chunkedHead}0\r\n${'x-t: v\r\n'.repeat(10_000)}\r\n`, /trailers over/);
  });

  it('reads a body whose final transfer coding is not chunked until the connection closes', () => {
    const out: ParsedResponse[] = [];
    const p = new ResponseParser((r) => out.push(r));
    p.feed(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc'));
    expect(out).toHaveLength(0);
    expect(p.end()).toBe(true);
    expect(out[0]?.close).toBe(true);
    expect(body(out[0])).toBe('3\r\nabc');
  });

  it('takes linear time for a head that trickles in byte by byte', () => {
    const head = `HTTP/1.1 200 OK\r\nx-big: ${'b'.repeat(60_000)}\r\nContent-Length: 0\r\n\r\n`;
    const startMs = performance.now();
    expect(parse(head, 1).map((r) => r.status)).toEqual([200]);
    // Held bytes are joined once the blank line comes (they were joined on every read before).
    expect(performance.now() - startMs).toBeLessThan(1500);
  });
});
