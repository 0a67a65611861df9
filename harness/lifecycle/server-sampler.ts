import type { ServerSample, ServerSeriesInfo } from '../../reports/model/run-data.js';
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
    return { t, values: Object.assign({}, ...results) as Record<string, number> };
  }

  async close(): Promise<void> {
    await Promise.all(this.collectors.map((c) => c.close?.().catch(() => undefined)));
  }
}
