import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { GC_KINDS, NODE_SERIES, gcSeriesId, nodeSeriesInfo } from './node-series.js';
import { mapReading } from './prom-node-mapping.js';
import { readPrometheusText } from './prom-readings.js';

// A scrape slower than this would delay the second's server sample; it becomes a gap instead.
const SCRAPE_TIMEOUT_MS = 800;

/** Node series prom-client's default metrics can fill. */
const FILLED = new Set<string>([
  NODE_SERIES.loopDelayP50,
  NODE_SERIES.loopDelayP99,
  NODE_SERIES.loopDelayMax,
  NODE_SERIES.heapUsed,
  NODE_SERIES.heapTotal,
  NODE_SERIES.external,
  NODE_SERIES.rss,
  NODE_SERIES.activeHandles,
  NODE_SERIES.activeRequests,
  NODE_SERIES.gcCount,
  NODE_SERIES.gcPause,
  ...GC_KINDS.flatMap((k) => [gcSeriesId('gcCount', k), gcSeriesId('gcPause', k)]),
]);

/**
 * Scrapes a Prometheus text endpoint once per tick. prom-client's default Node metrics land on
 * the same series as loadrig's agent (so a target instrumented either way charts the same);
 * every other metric is kept as `prom.<name>{labels}`: gauges as read, counters (and the
 * `_count`/`_sum` of histograms and summaries) as a rate per second over the tick.
 */
export class PrometheusCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  #lastTotals = new Map<string, number>();
  #lastMs: number | undefined;

  constructor(
    readonly url: string,
    readonly label: string,
    private readonly clockMs: () => number = () => performance.now(),
  ) {
    this.series = nodeSeriesInfo(label, `prometheus ${url}`).filter((s) => FILLED.has(s.id));
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    let text: string;
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
      if (!res.ok) return {};
      text = await res.text();
    } catch {
      return {}; // down or slow: a gap
    }
    const atMs = this.clockMs();
    const elapsedSec = this.#lastMs === undefined ? undefined : (atMs - this.#lastMs) / 1000;
    this.#lastMs = atMs;
    const totals = new Map<string, number>();
    const values: Record<string, number> = {};
    const delta = (key: string, total: number): number | undefined => {
      totals.set(key, total);
      if (elapsedSec === undefined) return undefined;
      // A labelled counter is only exposed from its first increment: absent last tick means 0.
      const before = this.#lastTotals.get(key) ?? 0;
      // A counter that went down was reset (the target restarted): no rate for this tick.
      return total < before ? undefined : total - before;
    };
    let gcSeen = false;
    for (const reading of readPrometheusText(text)) {
      const mapped = mapReading(reading);
      if (mapped.to === 'gauge') values[mapped.id] = mapped.value;
      else if (mapped.to === 'gc') {
        const d = delta(`gc.${mapped.kind}.${mapped.field}`, mapped.total);
        if (d === undefined) continue;
        gcSeen = true;
        values[gcSeriesId(mapped.field === 'count' ? 'gcCount' : 'gcPause', mapped.kind)] = d;
      } else if (mapped.kind === 'gauge') values[mapped.id] = mapped.value;
      else {
        const d = delta(mapped.id, mapped.value);
        if (d !== undefined && elapsedSec) values[mapped.id] = d / elapsedSec;
      }
    }
    if (gcSeen) {
      values[NODE_SERIES.gcCount] = GC_KINDS.reduce(
        (sum, k) => sum + (values[gcSeriesId('gcCount', k)] ?? 0),
        0,
      );
      values[NODE_SERIES.gcPause] = GC_KINDS.reduce(
        (sum, k) => sum + (values[gcSeriesId('gcPause', k)] ?? 0),
        0,
      );
    }
    this.#lastTotals = totals;
    return values;
  }
}
