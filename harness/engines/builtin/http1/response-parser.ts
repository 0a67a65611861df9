import { HttpParseError } from '../../../../core/errors.js';
import { readFraming } from './response-framing.js';
/** One parsed response: the head as text (status line and headers), the body as raw chunks. */
export interface ParsedResponse {
  status: number;
  /** Status line and header lines, without the final blank line (latin1). */
  head: string;
  chunks: Buffer[];
  /** Bytes on the wire: 1xx heads, head, chunk framing, trailers and body (as sent, not decoded). */
  wireBytes: number;
  /** The server will close the connection after this response. */
  close: boolean;
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** A head (status line and fields, without the blank line) or a trailer section. */
export const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line with its extensions (Node's own limit for chunk extensions is 16 KiB). */
export const MAX_CHUNK_LINE_BYTES = 16 * 1024;

export { HttpParseError };

type State =
  'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'until-close';

/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection with one request in
 * flight. It finds the end of the head with one `indexOf`, reads only the framing headers
 * (content-length, transfer-encoding, connection) and keeps the rest as text for the flow to
 * parse if it ever looks: much less work per response than a full parser.
 *
 * Bytes of an unfinished head or framing line are held as received and joined once their end
 * arrives, so a head trickling in byte by byte costs linear time. Whatever the split, the
 * outcome is the same: the size limits apply to the head or line, not to what one read held.
 */
export class ResponseParser {
  private state: State = 'head';
  private held: Buffer[] = [];
  private heldBytes = 0;
  private status = 0;
  private head = '';
  private chunks: Buffer[] = [];
  private remaining = 0;
  private wireBytes = 0;
  private trailerBytes = 0;
  private close = false;
  /** Set for a HEAD request: the response has no body whatever its headers say. */
  noBody = false;

  constructor(private readonly onResponse: (r: ParsedResponse) => void) {}

  /** True while a response has started but not finished. */
  get midResponse(): boolean {
    return this.state !== 'head' || this.heldBytes > 0;
  }

  /** The connection closed: ends a close-delimited body; anything else unfinished is an error. */
  end(): boolean {
    if (this.state === 'until-close') {
      this.finish();
      return true;
    }
    return false;
  }

  feed(data: Buffer): void {
    let buf = data;
    if (this.heldBytes > 0) {
      if (!this.completes(data)) {
        this.hold(data);
        return;
      }
      this.held.push(data);
      buf = Buffer.concat(this.held, this.heldBytes + data.length);
      this.held = [];
      this.heldBytes = 0;
    }
    let pos = 0;
    while (pos < buf.length) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf(CRLFCRLF, pos);
          if (end < 0) return this.hold(buf.subarray(pos));
          if (end - pos > MAX_HEAD_BYTES) throw headTooLarge();
          this.startHead(buf.toString('latin1', pos, end), end + 4 - pos);
          pos = end + 4;
          break;
        }
        case 'length':
        case 'chunk-data': {
          const take = Math.min(this.remaining, buf.length - pos);
          this.body(buf.subarray(pos, pos + take));
          this.remaining -= take;
          pos += take;
          if (this.remaining === 0) {
            if (this.state === 'length') this.finish();
            else this.state = 'chunk-crlf';
          }
          break;
        }
        case 'until-close':
          this.body(buf.subarray(pos));
          pos = buf.length;
          break;
        case 'chunk-size':
        case 'trailers': {
          const eol = buf.indexOf(10, pos); // \n
          if (eol < 0) return this.hold(buf.subarray(pos));
          this.line(buf, pos, eol);
          pos = eol + 1;
          break;
        }
        case 'chunk-crlf': {
          if (buf.length - pos < 2) return this.hold(buf.subarray(pos));
          if (buf[pos] !== 13 || buf[pos + 1] !== 10) {
            throw new HttpParseError('chunk data longer than its chunk size (no CRLF after it)');
          }
          this.wireBytes += 2;
          pos += 2;
          this.state = 'chunk-size';
          break;
        }
      }
    }
  }

  /** Whether `data` brings the end of what is held (the head's blank line, a line's LF). */
  private completes(data: Buffer): boolean {
    switch (this.state) {
      case 'head': {
        if (data.indexOf(CRLFCRLF) >= 0) return true;
        // The blank line may straddle what is held (in pieces as small as a byte) and what came.
        const tail: Buffer[] = [data.subarray(0, 3)];
        let tailBytes = 0;
        for (let i = this.held.length - 1; i >= 0 && tailBytes < 3; i--) {
          const piece = this.held[i] as Buffer;
          tail.unshift(piece.subarray(Math.max(0, piece.length - (3 - tailBytes))));
          tailBytes += tail[0]?.length ?? 0;
        }
        return Buffer.concat(tail).indexOf(CRLFCRLF) >= 0;
      }
      case 'chunk-size':
      case 'trailers':
        return data.indexOf(10) >= 0;
      default:
        return this.heldBytes + data.length >= 2;
    }
  }

  /** Keeps an unfinished head or line, refusing one that can only end past its limit. */
  private hold(part: Buffer): void {
    this.held.push(part);
    this.heldBytes += part.length;
    if (this.state === 'head' && this.heldBytes > MAX_HEAD_BYTES + 3) throw headTooLarge();
    if (this.state === 'chunk-size' && this.heldBytes > MAX_CHUNK_LINE_BYTES) {
      throw chunkLineTooLarge();
    }
    if (this.state === 'trailers' && this.trailerBytes + this.heldBytes + 1 > MAX_HEAD_BYTES) {
      throw trailersTooLarge();
    }
  }

  /** A chunk-size line or a trailer line, `pos` to the LF at `eol`. */
  private line(buf: Buffer, pos: number, eol: number): void {
    const bytes = eol - pos;
    if (buf[eol - 1] !== 13 || bytes === 0) {
      throw new HttpParseError('chunked framing line not ended by CRLF');
    }
    this.wireBytes += bytes + 1;
    if (this.state === 'trailers') {
      this.trailerBytes += bytes + 1;
      if (this.trailerBytes > MAX_HEAD_BYTES) throw trailersTooLarge();
      if (bytes === 1) this.finish();
      return;
    }
    if (bytes > MAX_CHUNK_LINE_BYTES) throw chunkLineTooLarge();
    const size = chunkSize(buf, pos, eol - 1);
    if (size === 0) {
      this.state = 'trailers';
      this.trailerBytes = 0;
    } else {
      this.remaining = size;
      this.state = 'chunk-data';
    }
  }

  private startHead(head: string, bytes: number): void {
    const status = parseStatus(head);
    this.wireBytes += bytes;
    if (status < 200 && status !== 101) return; // 100 Continue, 103 Early Hints: no body, more to come
    this.status = status;
    this.head = head;
    this.chunks = [];
    const framing = readFraming(head);
    this.close = framing.close;
    if (this.noBody || status === 204 || status === 304) this.finish();
    else if (framing.chunked) this.state = 'chunk-size';
    else if (framing.untilClose) {
      this.close = true;
      this.state = 'until-close';
    } else {
      this.remaining = framing.length;
      this.state = 'length';
      if (framing.length === 0) this.finish();
    }
  }

  private body(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.wireBytes += chunk.length;
  }

  private finish(): void {
    const r: ParsedResponse = {
      status: this.status,
      head: this.head,
      chunks: this.chunks,
      wireBytes: this.wireBytes,
      close: this.close,
    };
    this.state = 'head';
    this.chunks = [];
    this.wireBytes = 0;
    this.onResponse(r);
  }
}

const headTooLarge = (): HttpParseError =>
  new HttpParseError(`response head over ${MAX_HEAD_BYTES} bytes`);
const chunkLineTooLarge = (): HttpParseError =>
  new HttpParseError(`chunk-size line over ${MAX_CHUNK_LINE_BYTES} bytes`);
const trailersTooLarge = (): HttpParseError =>
  new HttpParseError(`chunked trailers over ${MAX_HEAD_BYTES} bytes`);

/**
 * `1*HEXDIG [ BWS ";" chunk-ext ]` between `from` and `to` (the CR): the size, or a parse error.
 * Stricter than parseInt, which would read `0x10`, `-6` or `5garbage` as sizes.
 */
function chunkSize(buf: Buffer, from: number, to: number): number {
  let size = 0;
  let i = from;
  for (; i < to; i++) {
    const c = buf[i] as number;
    const digit =
      c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (digit < 0) break;
    size = size * 16 + digit;
  }
  let ok = i > from && Number.isSafeInteger(size);
  while (ok && i < to && (buf[i] === 32 || buf[i] === 9)) i++;
  if (ok && i < to) ok = buf[i] === 59 && buf.indexOf(13, i) === to; // ';', and no CR inside
  if (!ok) {
    const line = buf.toString('latin1', from, Math.min(to, from + 40));
    throw new HttpParseError(`bad chunk size line ${JSON.stringify(line)}`);
  }
  return size;
}

/** `HTTP/1.x NNN[ reason]`: the status, 100 to 999, or a parse error. */
function parseStatus(head: string): number {
  const digit = (i: number): number => {
    const c = head.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const after = head.charCodeAt(12); // NaN at the end of the head
  const status = digit(9) * 100 + digit(10) * 10 + digit(11);
  if (
    !head.startsWith('HTTP/1.') ||
    Number.isNaN(digit(7)) ||
    head.charCodeAt(8) !== 32 ||
    !(status >= 100) ||
    !(Number.isNaN(after) || after === 32 || after === 13)
  ) {
    const what = head.startsWith('HTTP/1.') ? 'bad status line' : 'not an HTTP/1.x response';
    throw new HttpParseError(`${what}: ${JSON.stringify(head.slice(0, 40))}`);
  }
  return status;
}
