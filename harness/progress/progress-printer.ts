import pc from 'picocolors';
import { formatDuration } from '../../core/duration.js';
import type { Second } from '../../core/series/second.js';
import { bucketStats } from './bucket-stats.js';
import type { ProgressListener, RunPhase } from './progress-listener.js';

const PLAIN_EVERY_MS = 5000;

/**
 * A live line on a TTY (rewritten in place each second); plain periodic lines otherwise,
 * so CI logs stay readable.
 */
export class ProgressPrinter implements ProgressListener {
  private totalMs = 0;
  private totalRequests = 0;
  private totalFailed = 0;
  private lastPlainMs = -Infinity;
  private lineOpen = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty = Boolean(out.isTTY),
  ) {}

  phase(phase: RunPhase, detail?: string): void {
    this.endLine();
    this.out.write(`${pc.dim('›')} ${phase}${detail ? `: ${detail}` : ''}\n`);
  }

  start(info: { runDir: string; baseUrl: string; totalMs: number; profileKind: string }): void {
    this.totalMs = info.totalMs;
    this.endLine();
    this.out.write(
      `  target ${info.baseUrl}  profile ${info.profileKind} ${formatDuration(info.totalMs)}\n  run dir ${info.runDir}\n`,
    );
  }

  bucket(second: Second, elapsedMs: number): void {
    const s = bucketStats(second);
    this.totalRequests += s.requests;
    this.totalFailed += s.failed;
    const line = [
      `${formatDuration(elapsedMs).padStart(6)}/${formatDuration(this.totalMs)}`,
      // Busy VUs, and of how many allocated (an open model's pool) when the engine says.
      `vus ${`${second.vus}${s.allocatedVus === undefined ? '' : `/${s.allocatedVus}`}`.padStart(4)}`,
      `${String(s.requests).padStart(6)} req/s`,
      `p95 ${s.p95Ms === undefined ? '   -  ' : `${s.p95Ms.toFixed(1).padStart(6)}ms`}`,
      `errors ${this.totalFailed}/${this.totalRequests}`,
    ].join('  ');
    if (this.tty) {
      this.out.write(`\r\x1b[2K  ${line}`);
      this.lineOpen = true;
    } else if (elapsedMs - this.lastPlainMs >= PLAIN_EVERY_MS) {
      this.lastPlainMs = elapsedMs;
      this.out.write(`  ${line}\n`);
    }
  }

  warn(message: string): void {
    this.endLine();
    this.out.write(`${pc.yellow('warning')} ${message}\n`);
  }

  private endLine(): void {
    if (this.lineOpen) this.out.write('\n');
    this.lineOpen = false;
  }
}
