import fc from 'fast-check';

/**
 * A model of HTTP/1.1 responses as a server writes them, for property tests of the response
 * parser: arbitraries for responses of every framing, their bytes on the wire, and what a
 * correct parser must make of them.
 */
export type Framing = 'length' | 'chunked' | 'close' | 'head';

export interface ModelResponse {
  /** 1xx responses before the final one (100 Continue, 102, 103 Early Hints). */
  interim: { status: number; headers: [string, string][] }[];
  version: '1.0' | '1.1';
  status: number;
  reason: string;
  headers: [string, string][];
  body: Uint8Array;
  framing: Framing;
  /** Where a chunked body is cut into chunks (offsets into the body). */
  cuts: number[];
  chunkStyle: { upper: boolean; zeros: number; extension: string };
  trailers: [string, string][];
  connection: 'close' | 'keep-alive' | undefined;
  /** Spelling of the framing header names (`Content-Length`, `content-length`, ...). */
  nameCase: 'lower' | 'title' | 'upper';
  /** Whitespace after the colon of every header. */
  ows: '' | ' ' | '\t' | '  ';
}

/** What the parser must report for one response. */
export interface Expected {
  status: number;
  head: string;
  body: string;
  wireBytes: number;
  close: boolean;
}

const FRAMING_NAMES = new Set(['content-length', 'transfer-encoding', 'connection']);

export const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}$/)
  .filter((n) => !FRAMING_NAMES.has(n.toLowerCase()));

/** A field value: visible ASCII and obs-text (latin1), inner spaces, no outer whitespace. */
export const headerValue = fc.stringMatching(
  /^([!-~\u0080-\u00ff]([ !-~\u0080-\u00ff]{0,40}[!-~\u0080-\u00ff])?)?$/,
);

const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });

const body = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 20_000 }) },
);

export const modelResponse: fc.Arbitrary<ModelResponse> = fc
  .record({
    interim: fc.array(fc.record({ status: fc.constantFrom(100, 102, 103), headers }), {
      maxLength: 2,
    }),
    version: fc.constantFrom<'1.0' | '1.1'>('1.1', '1.1', '1.1', '1.0'),
    status: fc.oneof(
      fc.constantFrom(200, 201, 204, 206, 301, 302, 304, 400, 404, 500, 503),
      fc.integer({ min: 200, max: 999 }),
    ),
    reason: fc.stringMatching(/^([!-~]([ !-~]{0,20})?)?$/),
    headers,
    body,
    framing: fc.constantFrom<Framing>('length', 'chunked', 'close', 'head'),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    chunkStyle: fc.record({
      upper: fc.boolean(),
      zeros: fc.nat({ max: 3 }),
      extension: fc.constantFrom('', ';a=1', ' ;name="q;v"', ';x', ';\tk = v'),
    }),
    trailers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
    connection: fc.constantFrom<'close' | 'keep-alive' | undefined>(
      undefined,
      'close',
      'keep-alive',
    ),
    nameCase: fc.constantFrom<'lower' | 'title' | 'upper'>('lower', 'title', 'upper'),
    ows: fc.constantFrom<'' | ' ' | '\t' | '  '>('', ' ', '\t', '  '),
  })
  // HTTP/1.0 has no chunked coding.
  .map((r) => (r.version === '1.0' && r.framing === 'chunked' ? { ...r, framing: 'length' } : r));

/** A conversation: responses to consecutive requests; only the last may run until close. */
export const modelConversation = fc
  .array(modelResponse, { minLength: 1, maxLength: 4 })
  .map((rs) =>
    rs.map((r, i) =>
      i < rs.length - 1 && r.framing === 'close' ? { ...r, framing: 'length' as const } : r,
    ),
  );

function spell(name: string, style: ModelResponse['nameCase']): string {
  if (style === 'lower') return name;
  if (style === 'upper') return name.toUpperCase();
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

const bodiless = (r: ModelResponse): boolean =>
  r.framing === 'head' || r.status === 204 || r.status === 304;

/** Chunk sizes as hex in the model's style, each chunk's data, the last chunk and trailers. */
export function chunkedBody(
  r: Pick<ModelResponse, 'body' | 'cuts' | 'chunkStyle' | 'trailers' | 'ows'>,
): Buffer {
  const body = Buffer.from(r.body);
  const offsets = [...new Set(r.cuts.map((c) => (body.length === 0 ? 0 : c % body.length)))]
    .filter((c) => c > 0)
    .sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  const sizeLine = (n: number): string => {
    const hex = n.toString(16);
    return '0'.repeat(r.chunkStyle.zeros) + (r.chunkStyle.upper ? hex.toUpperCase() : hex);
  };
  for (const to of [...offsets, body.length]) {
    if (to === from) continue;
    parts.push(Buffer.from(`${sizeLine(to - from)}${r.chunkStyle.extension}\r\n`, 'latin1'));
    parts.push(body.subarray(from, to), Buffer.from('\r\n'));
    from = to;
  }
  let tail = `0${r.chunkStyle.extension}\r\n`;
  for (const [n, v] of r.trailers) tail += `${n}:${r.ows}${v}\r\n`;
  parts.push(Buffer.from(`${tail}\r\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** The bytes a server writes for one response, and what the parser must make of them. */
export function serialise(r: ModelResponse): { wire: Buffer; expected: Expected } {
  const pieces: Buffer[] = [];
  for (const i of r.interim) {
    let h = `HTTP/1.1 ${i.status} Interim`;
    for (const [n, v] of i.headers) h += `\r\n${n}:${r.ows}${v}`;
    pieces.push(Buffer.from(`${h}\r\n\r\n`, 'latin1'));
  }
  let head = `HTTP/${r.version} ${r.status}${r.reason === '' ? '' : ` ${r.reason}`}`;
  for (const [n, v] of r.headers) head += `\r\n${n}:${r.ows}${v}`;
  const cl = spell('content-length', r.nameCase);
  const te = spell('transfer-encoding', r.nameCase);
  if (r.framing === 'length' || (bodiless(r) && r.body.length % 2 === 1)) {
    // A bodiless response may still state the length its GET would have had.
    head += `\r\n${cl}:${r.ows}${r.body.length}`;
  } else if (r.framing === 'chunked') {
    head += `\r\n${te}:${r.ows}${r.body.length % 3 === 0 ? 'gzip, chunked' : 'chunked'}`;
  }
  if (r.connection !== undefined) {
    head += `\r\n${spell('connection', r.nameCase)}:${r.ows}${r.connection}`;
  }
  pieces.push(Buffer.from(`${head}\r\n\r\n`, 'latin1'));
  let body = Buffer.alloc(0);
  if (!bodiless(r)) {
    body = Buffer.from(r.body);
    pieces.push(r.framing === 'chunked' ? chunkedBody(r) : body);
  }
  const wire = Buffer.concat(pieces);
  const close =
    (!bodiless(r) && r.framing === 'close') ||
    r.connection === 'close' ||
    (r.version === '1.0' && r.connection !== 'keep-alive');
  return {
    wire,
    expected: {
      status: r.status,
      head,
      body: body.toString('hex'),
      wireBytes: wire.length,
      close,
    },
  };
}

/**
 * A reference decoder for a chunked body, written for clarity over a whole buffer: the model
 * the incremental parser is held to. `incomplete` means more bytes could still make it valid.
 */
export type ChunkedVerdict =
  { kind: 'ok'; body: Buffer; consumed: number } | { kind: 'incomplete' } | { kind: 'invalid' };

export const MAX_CHUNK_LINE_BYTES = 16 * 1024;
export const MAX_HEAD_BYTES = 64 * 1024;

export function referenceChunked(b: Buffer): ChunkedVerdict {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lf = b.indexOf(10, pos);
    const lineBytes = (lf < 0 ? b.length : lf) - pos;
    if (lineBytes > MAX_CHUNK_LINE_BYTES) return { kind: 'invalid' };
    if (lf < 0) return { kind: 'incomplete' };
    const m = /^([0-9A-Fa-f]+)[ \t]*(;[^\r]*)?\r$/.exec(b.toString('latin1', pos, lf));
    if (m === null) return { kind: 'invalid' };
    const size = parseInt(m[1] as string, 16);
    if (!Number.isSafeInteger(size)) return { kind: 'invalid' };
    pos = lf + 1;
    if (size === 0) break;
    if (b.length < pos + size + 2) return { kind: 'incomplete' };
    parts.push(b.subarray(pos, pos + size));
    if (b[pos + size] !== 13 || b[pos + size + 1] !== 10) return { kind: 'invalid' };
    pos += size + 2;
  }
  let trailerBytes = 0;
  for (;;) {
    const lf = b.indexOf(10, pos);
    const lineBytes = (lf < 0 ? b.length : lf) - pos;
    if (trailerBytes + lineBytes + 1 > MAX_HEAD_BYTES) return { kind: 'invalid' };
    if (lf < 0) return { kind: 'incomplete' };
    if (b[lf - 1] !== 13 || lf === pos) return { kind: 'invalid' };
    trailerBytes += lineBytes + 1;
    const empty = lf === pos + 1;
    pos = lf + 1;
    if (empty) return { kind: 'ok', body: Buffer.concat(parts), consumed: pos };
  }
}
