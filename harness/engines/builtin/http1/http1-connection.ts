import { TransportError } from '../../../../core/errors.js';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Origin } from './origin.js';
import { ResponseParser, type ParsedResponse } from './response-parser.js';

/** What a request produced: a response, or the transport error that prevented one. */
export type Outcome = ParsedResponse | TransportError;

export { TransportError };

export interface ConnectionOptions {
  insecureSkipTlsVerify: boolean;
}

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight (as each k6 VU uses its
 * own connections). Requests are written as prebuilt buffers and responses parsed by
 * ResponseParser; a request that meets a connection the server had already closed is retried
 * once on a fresh one when it is idempotent.
 */
export class Http1Connection {
  private socket: Socket | undefined;
  private parser: ResponseParser | undefined;
  private settle: ((o: Outcome) => void) | undefined;
  private closeAfter = false;
  private reused = false;
  private gotBytes = false;
  private payload: Buffer = Buffer.alloc(0);
  private idempotent = false;
  private noBody = false;
  /** performance.now() after which the request in flight times out. */
  deadline = Infinity;
  destroyed = false;

  constructor(
    private readonly origin: Origin,
    private readonly opts: ConnectionOptions,
  ) {}

  get busy(): boolean {
    return this.settle !== undefined;
  }

  /** Sends one request; the connection must not be `busy` (VuHttp opens another if it is). */
  request(
    payload: Buffer,
    idempotent: boolean,
    noBody: boolean,
    timeoutMs: number,
  ): Promise<Outcome> {
    if (this.destroyed) {
      return Promise.resolve(new TransportError('E_INTERRUPTED', 'the VU was stopped'));
    }
    this.payload = payload;
    this.idempotent = idempotent;
    this.noBody = noBody;
    this.deadline = performance.now() + timeoutMs;
    this.reused = this.socket !== undefined;
    const done = new Promise<Outcome>((resolve) => (this.settle = resolve));
    this.write();
    return done;
  }

  private write(): void {
    const socket = this.socket ?? this.open();
    (this.parser as ResponseParser).noBody = this.noBody;
    this.gotBytes = false;
    socket.write(this.payload);
  }

  /** Called by the timeout sweeper. */
  timeOut(): void {
    this.fail(new TransportError('E_REQUEST_TIMEOUT', 'request timeout'));
    this.dropSocket();
  }

  destroy(): void {
    this.destroyed = true;
    this.fail(new TransportError('E_INTERRUPTED', 'the VU was stopped'));
    this.dropSocket();
  }

  private open(): Socket {
    const { hostname, port, tls } = this.origin;
    const socket = tls
      ? tlsConnect({
          host: hostname,
          port,
          ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
          rejectUnauthorized: !this.opts.insecureSkipTlsVerify,
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect({ host: hostname, port });
    socket.setNoDelay(true);
    const parser = new ResponseParser((r) => this.complete(r));
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      if (this.settle === undefined) return this.dropSocket(); // bytes no request asked for
      this.gotBytes = true;
      try {
        parser.feed(chunk);
      } catch (e) {
        this.fail(new TransportError('E_HTTP_PARSE', (e as Error).message, { cause: e }));
        this.dropSocket();
      }
      // Bytes after the response: the next response on this connection would start with them.
      if (this.settle === undefined && parser.midResponse) this.dropSocket();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => this.lost(socket, parser, err));
    socket.on('close', () => this.lost(socket, parser, undefined));
    this.socket = socket;
    this.parser = parser;
    this.closeAfter = false;
    return socket;
  }

  private complete(r: ParsedResponse): void {
    const settle = this.settle;
    // A second response to one request: the connection is out of step, never reuse it.
    if (settle === undefined) return this.dropSocket();
    if (r.close) this.closeAfter = true;
    this.settle = undefined;
    this.deadline = Infinity;
    if (this.closeAfter) this.dropSocket();
    settle(r);
  }

  private lost(
    socket: Socket,
    parser: ResponseParser,
    err: NodeJS.ErrnoException | undefined,
  ): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.parser = undefined;
    if (this.settle === undefined) return;
    if (err === undefined && parser.end()) return; // a close-delimited body ended
    // The server closed a kept-alive connection just as we reused it: try once on a new one.
    if (this.reused && !this.gotBytes && this.idempotent) {
      this.reused = false;
      this.write();
      return;
    }
    const code = err?.code ?? 'ECONNRESET';
    this.fail(
      new TransportError(code, err?.message ?? 'the server closed the connection', { cause: err }),
    );
  }

  private fail(error: TransportError): void {
    const settle = this.settle;
    this.settle = undefined;
    this.deadline = Infinity;
    settle?.(error);
  }

  private dropSocket(): void {
    const s = this.socket;
    this.socket = undefined;
    this.parser = undefined;
    s?.destroy();
  }
}
