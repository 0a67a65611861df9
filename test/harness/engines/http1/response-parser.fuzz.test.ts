import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../../../core/errors.js';
import {
  ResponseParser,
  type ParsedResponse,
} from '../../../../harness/engines/builtin/http1/response-parser.js';
import { fuzz } from '../../../helpers/fuzz.js';
import {
  MAX_HEAD_BYTES,
  chunkedBody,
  modelConversation,
  modelResponse,
  referenceChunked,
  serialise,
  type Expected,
} from './wire-model.js';

interface Outcome {
  responses: Expected[];
  error: string | undefined;
  /** What end() said once every byte was fed (the connection closed). */
  ended: boolean;
}

const view = (r: ParsedResponse): Expected => ({
  status: r.status,
  head: r.head,
  body: Buffer.concat(r.chunks).toString('hex'),
  wireBytes: r.wireBytes,
  close: r.close,
});

function pieces(wire: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => (wire.length === 0 ? 0 : c % wire.length)))]
    .filter((c) => c > 0)
    .sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...at, wire.length]) {
    out.push(wire.subarray(from, to));
    from = to;
  }
  return out;
}

/**
 * Feeds the pieces as a connection would (HEAD's flag set before each request), then closes.
 * A rejection must be the parser's typed error; anything else escapes and fails the property.
 */
function drive(parts: readonly Buffer[], headRequests: readonly boolean[] = []): Outcome {
  const responses: Expected[] = [];
  const parser = new ResponseParser((r) => {
    responses.push(view(r));
    parser.noBody = headRequests[responses.length] ?? false;
  });
  parser.noBody = headRequests[0] ?? false;
  try {
    for (const part of parts) parser.feed(part);
  } catch (e) {
    if (!LoadrigError.is(e) || e.code !== 'E_HTTP_PARSE') throw e;
    return { responses, error: e.message, ended: false };
  }
  return { responses, error: undefined, ended: parser.end() };
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

function conversationWire(conv: Parameters<typeof serialise>[0][]): {
  wire: Buffer;
  expected: Outcome;
  heads: boolean[];
} {
  const s = conv.map(serialise);
  const last = conv.at(-1);
  const lastRunsToClose =
    last !== undefined && last.framing === 'close' && last.status !== 204 && last.status !== 304;
  return {
    wire: Buffer.concat(s.map((x) => x.wire)),
    expected: { responses: s.map((x) => x.expected), error: undefined, ended: lastRunsToClose },
    heads: conv.map((r) => r.framing === 'head'),
  };
}

describe('ResponseParser under generated input', () => {
  it('reads every response as the server framed it, however the bytes are split', () => {
    fuzz(
      'conversation split anywhere',
      [modelConversation, cuts],
      (conv, at) => {
        const { wire, expected, heads } = conversationWire(conv);
        expect(drive(pieces(wire, at), heads)).toEqual(expected);
      },
      { numRuns: 300 },
    );
  });

  it('reads the same responses fed one byte at a time', () => {
    fuzz(
      'conversation byte by byte',
      [modelConversation],
      (conv) => {
        const { wire, expected, heads } = conversationWire(conv);
        const bytes = Array.from({ length: wire.length }, (_, i) => wire.subarray(i, i + 1));
        expect(drive(bytes, heads)).toEqual(expected);
      },
      { numRuns: 60 },
    );
  });

  it('decodes chunked bodies as a reference decoder does, valid or not', () => {
    const chunkedInput = fc.oneof(
      modelResponse.map((r) => chunkedBody(r)),
      fc
        .tuple(modelResponse, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([r, ms]) => ms.reduce(mutate, chunkedBody(r))),
      fc
        .array(fc.constantFrom(...CHUNK_TOKENS), { maxLength: 12 })
        .map((t) => Buffer.from(t.join(''), 'latin1')),
    );
    fuzz(
      'chunked against the reference decoder',
      [chunkedInput, cuts],
      (chunked, at) => {
        const head = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
        const outcome = drive(
          pieces(
            Buffer.concat([head, chunked]),
            at.map((c) => c + head.length),
          ),
        );
        const verdict = referenceChunked(chunked);
        if (verdict.kind === 'invalid') {
          expect(outcome.error).toBeDefined();
          expect(outcome.responses).toEqual([]);
        } else if (verdict.kind === 'incomplete') {
          expect(outcome).toEqual({ responses: [], error: undefined, ended: false });
        } else {
          expect(outcome.responses[0]).toMatchObject({
            body: verdict.body.toString('hex'),
            wireBytes: head.length + verdict.consumed,
          });
        }
      },
      { numRuns: 400 },
    );
  });

  it('never fails but with its own error, and gives the same outcome however the bytes are split', () => {
    const hostile = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc
        .array(fc.constantFrom(...HEAD_TOKENS, ...CHUNK_TOKENS), { maxLength: 20 })
        .map((t) => Buffer.from(t.join(''), 'latin1')),
      fc
        .tuple(modelConversation, fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([conv, ms]) => ms.reduce(mutate, conversationWire(conv).wire)),
    );
    fuzz(
      'hostile bytes',
      [hostile, cuts, fc.array(fc.boolean(), { maxLength: 4 })],
      (wire, at, heads) => {
        const whole = drive([wire], heads);
        expect(drive(pieces(wire, at), heads)).toEqual(whole);
      },
      { numRuns: 500 },
    );
  });

  it('holds a response head to its size limit wherever the head is cut', () => {
    fuzz(
      'huge heads',
      [fc.integer({ min: -40, max: 40 }), cuts, fc.boolean()],
      (overLimit, at, manyHeaders) => {
        const status = 'HTTP/1.1 200 OK';
        let head = status;
        const target = MAX_HEAD_BYTES + overLimit;
        if (manyHeaders) {
          for (let i = 0; head.length < target - 40; i++) head += `\r\nx-h${i}: ${'v'.repeat(20)}`;
        }
        const fill = target - head.length - '\r\nx-big: '.length;
        head += `\r\nx-big: ${'b'.repeat(Math.max(1, fill))}`;
        const wire = Buffer.from(`${head}\r\nContent-Length: 2\r\n\r\nok`, 'latin1');
        const headBytes = wire.indexOf('\r\n\r\n');
        const outcome = drive(pieces(wire, at));
        if (headBytes <= MAX_HEAD_BYTES)
          expect(outcome.responses.map((r) => r.status)).toEqual([200]);
        else expect(outcome.error).toMatch(/head/);
        expect(outcome).toEqual(drive([wire]));
      },
      { numRuns: 100 },
    );
  });
});

/** Fragments a hostile server or a broken proxy might send, glued in any order. */
const HEAD_TOKENS = [
  'HTTP/1.1 200 OK\r\n',
  'HTTP/1.0 204 No Content\r\n',
  'HTTP/1.1 100 Continue\r\n\r\n',
  'HTTP/1.1 1a0 X\r\n',
  'HTTP/2 200\r\n',
  'Content-Length: 3\r\n',
  'Content-Length: -1\r\n',
  'Content-Length: abc\r\n',
  'Content-Length: 99999999999999999999\r\n',
  'content-length: 1, 2\r\n',
  'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: chunked, gzip\r\n',
  'Connection: close\r\n',
  '\r\n',
  '\n',
  'abc',
];
const CHUNK_TOKENS = [
  '0\r\n',
  '5\r\n',
  'a;ext=1\r\n',
  '-2\r\n',
  '-6\r\n',
  '+4\r\n',
  '0x4\r\n',
  'ffffffffffffffffff\r\n',
  ' 3\r\n',
  '3 \r\n',
  '3\n',
  'hello',
  '\r\n',
  'X-Trailer: t\r\n',
  '\r',
  '\n',
];

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'delete'; at: number; n: number }
  | { kind: 'insert'; at: number; bytes: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    n: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom(...HEAD_TOKENS, ...CHUNK_TOKENS), fc.string({ maxLength: 4 })),
  }),
);

function mutate(b: Buffer, m: Mutation): Buffer {
  const at = b.length === 0 ? 0 : m.at % b.length;
  switch (m.kind) {
    case 'set': {
      const copy = Buffer.from(b);
      if (copy.length > 0) copy[at] = m.byte;
      return copy;
    }
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + m.n)]);
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes, 'latin1'), b.subarray(at)]);
  }
}
