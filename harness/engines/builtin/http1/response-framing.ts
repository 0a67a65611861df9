import { HttpParseError } from '../../../../core/errors.js';

/** How a response's body is delimited, and whether the server said it closes after it. */
export interface Framing {
  /** Transfer-Encoding whose final coding is chunked. */
  chunked: boolean;
  /** No length: the body runs until the server closes (RFC 9112 §6.3, items 4 and 8). */
  untilClose: boolean;
  /** Content-Length, when neither of the above. */
  length: number;
  close: boolean;
}

/**
 * Reads the three headers that frame a body (content-length, transfer-encoding, connection)
 * from a head's text, leaving every other line unparsed. A length that is not a number, or two
 * lengths that disagree, would misframe every later response on the connection: a parse error.
 */
export function readFraming(head: string): Framing {
  let length = -1;
  let transferCodings: string | undefined;
  let sawClose = false;
  let sawKeepAlive = false;
  for (let eol = head.indexOf('\r\n'); eol >= 0;) {
    const start = eol + 2;
    const next = head.indexOf('\r\n', start);
    const end = next < 0 ? head.length : next;
    const first = head.charCodeAt(start) | 0x20;
    if (first === 0x63 || first === 0x74) {
      // 'c' or 't'
      const colon = head.indexOf(':', start);
      if (colon > start && colon < end) {
        const n = colon - start;
        if (n === 14 && sameName(head, start, 'content-length')) {
          length = contentLength(head.slice(colon + 1, end), length);
        } else if (n === 17 && sameName(head, start, 'transfer-encoding')) {
          const value = head.slice(colon + 1, end);
          transferCodings = transferCodings === undefined ? value : `${transferCodings},${value}`;
        } else if (n === 10 && sameName(head, start, 'connection')) {
          for (const token of head
            .slice(colon + 1, end)
            .toLowerCase()
            .split(',')) {
            const t = token.trim();
            if (t === 'close') sawClose = true;
            else if (t === 'keep-alive') sawKeepAlive = true;
          }
        }
      }
    }
    eol = next;
  }
  // HTTP/1.0 closes unless told otherwise.
  const close = sawClose || (head.charCodeAt(7) === 0x30 && !sawKeepAlive);
  if (transferCodings !== undefined) {
    const last = transferCodings
      .slice(transferCodings.lastIndexOf(',') + 1)
      .trim()
      .toLowerCase();
    return { chunked: last === 'chunked', untilClose: last !== 'chunked', length: 0, close };
  }
  return { chunked: false, untilClose: length < 0, length: Math.max(length, 0), close };
}

/** One Content-Length field (`5`, or a list of equal values `5, 5`), checked against `seen`. */
function contentLength(field: string, seen: number): number {
  let value = seen;
  for (const part of field.split(',')) {
    const text = part.trim();
    const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || (value >= 0 && n !== value)) {
      throw new HttpParseError(
        `bad content-length ${JSON.stringify(field.trim().slice(0, 40))}${value >= 0 && Number.isSafeInteger(n) ? ` (another says ${value})` : ''}`,
      );
    }
    value = n;
  }
  return value;
}

/** Whether the header name at `start` is `lower`, ignoring ASCII case. */
function sameName(head: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((head.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}
