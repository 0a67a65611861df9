import * as Influx from 'influx';
import type { ClientBucket, RunMeta, ServerSample } from '../../../core/run-dir/run-data.js';
import type { RunDigest } from '../../../core/run-dir/schema/digest.js';
import type { OutputReport } from '../../../core/run-dir/schema/run-meta.js';
import type { RunSink, SinkContext, SinkFactory } from '../run-sink.js';
import { BatchWriter, DEFAULT_BATCH_OPTIONS, type BatchWriterOptions } from './batch-writer.js';
import { runPoint, secondPoints } from './influx-points.js';
import { parseInfluxUrl, type InfluxTarget } from './influx-url.js';

/**
 * Streams a run into InfluxDB 1.x as k6's `--out influxdb` does, one write per second: the
 * second's aggregates per series (see influx-points.ts), then one `loadrig_run` point at the
 * end. The database is created on first use. Writes that fail are retried, then counted
 * lost and reported; the run never waits for, or fails because of, the database.
 */
export class InfluxdbSink implements RunSink {
  private readonly writer: BatchWriter;
  private readonly warned = new Set<string>();
  private ready: Promise<void> | undefined;

  constructor(
    private readonly target: InfluxTarget,
    private readonly ctx: SinkContext,
    batch: BatchWriterOptions = DEFAULT_BATCH_OPTIONS,
  ) {
    const client = new Influx.InfluxDB(target.config);
    this.writer = new BatchWriter(
      async (points) => {
        // CREATE DATABASE is idempotent; retried with the batch when the server is not up yet.
        this.ready ??= client.createDatabase(target.database).catch((e: unknown) => {
          this.ready = undefined;
          throw e;
        });
        await this.ready;
        await client.writePoints(points, { precision: 'ms' });
      },
      batch,
      (kind, error) => this.warnOnce(kind, error),
    );
  }

  second(bucket: ClientBucket, sample?: ServerSample): void {
    this.writer.enqueue(secondPoints(bucket, sample, this.ctx.runId));
  }

  finish(meta: RunMeta, digest: RunDigest): void {
    this.writer.enqueue([runPoint(meta, digest)]);
  }

  async close(deadlineMs: number): Promise<OutputReport> {
    const stats = await this.writer.drain(deadlineMs);
    if (stats.pointsDropped > 0) {
      this.ctx.warn(
        `InfluxDB at ${this.target.display} is missing ${stats.pointsDropped} point(s) of this run (${stats.lastError ?? 'not sent in time'}); the run directory has them all`,
      );
    }
    return {
      output: 'influxdb',
      target: this.target.display,
      ...stats,
    };
  }

  private warnOnce(kind: 'retrying' | 'dropped', error: string): void {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.ctx.warn(
      kind === 'retrying'
        ? `InfluxDB write to ${this.target.display} failed (${error}); retrying, the run goes on`
        : `InfluxDB at ${this.target.display}: points given up (${error}); the run directory keeps every second`,
    );
  }
}

export const influxdbSink: SinkFactory = (target, ctx) =>
  new InfluxdbSink(parseInfluxUrl(target), ctx);
