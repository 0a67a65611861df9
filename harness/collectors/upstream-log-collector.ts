import { open, type FileHandle } from 'node:fs/promises';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';

const READ_CHUNK_BYTES = 1 << 20;

/**
 * Counts requests per upstream from a load balancer's access log whose lines start with the
 * upstream address (`$upstream_addr|...`), read incrementally: requests per replica per sample.
 */
export class UpstreamLogCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  #handle: FileHandle | undefined;
  #offset = 0;
  #partial = '';

  constructor(
    private readonly file: string,
    private readonly label: string,
    /** Upstream address (`127.0.0.1:41235`) → replica name. */
    private readonly upstreams: Record<string, string>,
  ) {
    const source = `${label} access log`;
    this.series = [
      ...Object.values(upstreams).map((replica) => ({
        id: this.#seriesId(replica),
        label: `${label} requests to ${replica} (per sample)`,
        unit: 'count' as const,
        source,
      })),
      {
        id: this.#seriesId('unanswered'),
        label: `${label} requests no replica answered`,
        unit: 'count',
        source,
      },
    ];
  }

  #seriesId(replica: string): string {
    return `lb.${this.label}.requests.${replica}`;
  }

  /** Counts of the complete lines in `text`, by replica. Pure, for tests. */
  static count(lines: string[], upstreams: Record<string, string>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const line of lines) {
      // `a, b` after a retry, `a : b` after an internal redirect: the last one answered.
      const addr =
        line
          .split('|')[0]
          ?.split(/, | : /)
          .pop()
          ?.trim() ?? '';
      const replica = upstreams[addr] ?? 'unanswered';
      counts[replica] = (counts[replica] ?? 0) + 1;
    }
    return counts;
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    try {
      this.#handle ??= await open(this.file, 'r');
    } catch {
      return {}; // nginx has not created it yet
    }
    let text = '';
    for (;;) {
      const buffer = Buffer.alloc(READ_CHUNK_BYTES);
      const { bytesRead } = await this.#handle.read(buffer, 0, buffer.length, this.#offset);
      if (bytesRead === 0) break;
      this.#offset += bytesRead;
      text += buffer.toString('utf8', 0, bytesRead);
      if (bytesRead < buffer.length) break;
    }
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    const counts = UpstreamLogCollector.count(lines.filter(Boolean), this.upstreams);
    const values: Record<string, number> = {};
    for (const replica of [...Object.values(this.upstreams), 'unanswered']) {
      values[this.#seriesId(replica)] = counts[replica] ?? 0;
    }
    return values;
  }

  async close(): Promise<void> {
    await this.#handle?.close();
    this.#handle = undefined;
  }
}
