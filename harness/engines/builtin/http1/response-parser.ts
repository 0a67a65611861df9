import { HttpParseError } from '../../../../core/errors.js';
/** One parsed response: the head as text (status line and headers), the body as raw chunks. */
export interface ParsedResponse {
  status: number;
  /** Status line and header lines, without the final blank line (latin1). */
  head: string;
  chunks: Buffer[];
  /** Bytes on the wire: head, framing and body. */
  wireBytes: number;
  /** The server will close the connection after this response. */
  close: boolean;
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
const MAX_HEAD_BYTES = 64 * 1024;

export { HttpParseError };

type State =
  'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'until-close';

/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection with one request in
 * flight. It finds the end of the head with one `indexOf`, reads only the framing headers
 * (content-length, transfer-encoding, connection) and keeps the rest as text for the flow to
 * parse if it ever looks: much less work per response than a full parser.
 */
export class ResponseParser {
  private state: State = 'head';
  private pending: Buffer | undefined;
  private status = 0;
  private head = '';
  private chunks: Buffer[] = [];
  private remaining = 0;
  private wireBytes = 0;
  private close = false;
  /** Set for a HEAD request: the response has no body whatever its headers say. */
  noBody = false;

  constructor(private readonly onResponse: (r: ParsedResponse) => void) {}

  /** True while a response has started but not finished. */
  get midResponse(): boolean {
    return this.state !== 'head' || this.pending !== undefined;
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
    const buf: Buffer = this.pending === undefined ? data : Buffer.concat([this.pending, data]);
    this.pending = undefined;
    let pos = 0;
    while (pos < buf.length) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf(CRLFCRLF, pos);
          if (end < 0) {
            if (buf.length - pos > MAX_HEAD_BYTES) {
              throw new HttpParseError(`response head over ${MAX_HEAD_BYTES} bytes`);
            }
            this.pending = buf.subarray(pos);
            return;
          }
          this.startHead(buf.toString('latin1', pos, end), end + 4 - pos);
          pos = end + 4;
          break;
        }
        case 'length': {
          const take = Math.min(this.remaining, buf.length - pos);
          this.body(buf.subarray(pos, pos + take));
          this.remaining -= take;
          pos += take;
          if (this.remaining === 0) this.finish();
          break;
        }
        case 'until-close':
          this.body(buf.subarray(pos));
          pos = buf.length;
          break;
        case 'chunk-size':
        case 'trailers': {
          const eol = buf.indexOf(10, pos); // \n
          if (eol < 0) {
            this.pending = buf.subarray(pos);
            return;
          }
          const line = buf.toString('latin1', pos, eol).replace(/\r$/, '');
          this.wireBytes += eol + 1 - pos;
          pos = eol + 1;
          if (this.state === 'trailers') {
            if (line === '') this.finish();
            break;
          }
          const size = parseInt(line, 16);
          if (Number.isNaN(size))
            throw new HttpParseError(`bad chunk size ${JSON.stringify(line)}`);
          if (size === 0) this.state = 'trailers';
          else {
            this.remaining = size;
            this.state = 'chunk-data';
          }
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, buf.length - pos);
          this.body(buf.subarray(pos, pos + take));
          this.remaining -= take;
          pos += take;
          if (this.remaining === 0) this.state = 'chunk-crlf';
          break;
        }
        case 'chunk-crlf': {
          if (buf.length - pos < 2) {
            this.pending = buf.subarray(pos);
            return;
          }
          this.wireBytes += 2;
          pos += 2;
          this.state = 'chunk-size';
          break;
        }
      }
    }
  }

  private startHead(head: string, bytes: number): void {
    const status = parseStatus(head);
    this.wireBytes += bytes;
    if (status >= 100 && status < 200 && status !== 101) return; // 100 Continue and friends
    this.status = status;
    this.head = head;
    this.chunks = [];
    let length = -1;
    let chunked = false;
    this.close = head.charCodeAt(7) === 0x30; // HTTP/1.0 closes unless told otherwise
    // Scan header lines for the three that frame the body; others stay unparsed text.
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
            length = parseInt(head.slice(colon + 1, end), 10);
          } else if (n === 17 && sameName(head, start, 'transfer-encoding')) {
            chunked = head
              .slice(colon + 1, end)
              .toLowerCase()
              .includes('chunked');
          } else if (n === 10 && sameName(head, start, 'connection')) {
            const value = head.slice(colon + 1, end).toLowerCase();
            if (value.includes('close')) this.close = true;
            else if (value.includes('keep-alive')) this.close = false;
          }
        }
      }
      eol = next;
    }
    if (this.noBody || status === 204 || status === 304) this.finish();
    else if (chunked) this.state = 'chunk-size';
    else if (length >= 0) {
      if (Number.isNaN(length)) throw new HttpParseError('bad content-length');
      this.remaining = length;
      this.state = 'length';
      if (length === 0) this.finish();
    } else {
      this.close = true;
      this.state = 'until-close';
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

function parseStatus(head: string): number {
  // "HTTP/1.1 200 OK"
  if (!head.startsWith('HTTP/1.'))
    throw new HttpParseError(`not an HTTP/1.x response: ${JSON.stringify(head.slice(0, 20))}`);
  const status =
    (head.charCodeAt(9) - 48) * 100 + (head.charCodeAt(10) - 48) * 10 + (head.charCodeAt(11) - 48);
  if (!(status >= 100 && status <= 999))
    throw new HttpParseError(`bad status line ${JSON.stringify(head.slice(0, 20))}`);
  return status;
}

/** Whether the header name at `start` is `lower`, ignoring ASCII case. */
function sameName(head: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((head.charCodeAt(start + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}
