import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { HttpParseError } from '../../../core/errors.js';

const DECODERS: Readonly<Record<string, (b: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  // "deflate" is zlib-wrapped by the standard, and raw DEFLATE from some servers: as browsers do.
  deflate: (b) =>
    ((b[0] ?? 0) & 0x0f) === 8 && ((b[0] ?? 0) * 256 + (b[1] ?? 0)) % 31 === 0
      ? inflateSync(b)
      : inflateRawSync(b),
  br: brotliDecompressSync,
  identity: (b) => b,
};

/**
 * A response body as the flow reads it: the `content-encoding` codings undone, last applied
 * first, as k6 does (gzip, deflate, br; k6's zstd needs a newer Node). A coding loadrig does
 * not know leaves the bytes as they came; bytes that do not decode are a parse error naming the
 * coding, as k6 fails such a response (its error code 1701).
 */
export function decodedBody(raw: Buffer, contentEncoding: string | undefined): Buffer {
  if (contentEncoding === undefined || raw.length === 0) return raw;
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  let body = raw;
  for (const coding of codings.reverse()) {
    const decode = Object.hasOwn(DECODERS, coding) ? DECODERS[coding] : undefined;
    if (decode === undefined) return raw;
    try {
      body = decode(body);
    } catch (e) {
      throw new HttpParseError(
        `the response body does not decode as content-encoding ${coding}: ${(e as Error).message}`,
      );
    }
  }
  return body;
}
