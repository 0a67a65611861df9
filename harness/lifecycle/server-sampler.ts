import type { ServerSample, ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from '../collectors/collector.js';

/** Samples every collector on the same tick and merges their values into one line. */
export class ServerSampler {
  constructor(private readonly collectors: Collector[]) {}

  get series(): ServerSeriesInfo[] {
    return this.collectors.flatMap((c) => c.series);
  }

  async sample(t: number): Promise<ServerSample> {
    const results = await Promise.all(
      this.collectors.map((c) => c.sample(t * 1000).catch(() => ({}))),
    );
    const values: Record<string, number> = {};
    // A value that is not a finite number would be written as null: leave a gap instead.
    for (const r of results) {
      for (const [id, v] of Object.entries(r as Record<string, number>)) {
        if (Number.isFinite(v)) values[id] = v;
      }
    }
    return { t, values };
  }

  async close(): Promise<void> {
    await Promise.all(this.collectors.map((c) => c.close?.().catch(() => undefined)));
  }
}
