import type { Tags } from '../../../core/run-dir/run-data.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { EngineResult } from '../engine.js';
import type { K6Sample } from './k6-json.js';

/** One frozen object per distinct tag set, so sinks can key series by identity. */
export class TagInterner {
  private readonly cache = new Map<string, Tags>();

  intern(raw: Record<string, string>): Tags {
    const key = JSON.stringify(raw);
    let tags = this.cache.get(key);
    if (!tags) this.cache.set(key, (tags = Object.freeze({ ...raw })));
    return tags;
  }
}

/** Records one k6 sample in a sink by its metric kind (a rate's non-zero value is a pass). */
export function recordK6Sample(sink: MetricSink, s: K6Sample, tags: Tags): void {
  switch (s.kind) {
    case 'trend':
      return sink.trend(s.metric, tags, s.value);
    case 'counter':
      return sink.counter(s.metric, tags, s.value);
    case 'rate':
      return sink.rate(s.metric, tags, s.value !== 0);
    case 'gauge':
      return sink.gauge(s.metric, tags, s.value);
  }
}

/** Feeds a live k6 stream into a MetricSink and keeps the tallies an EngineResult reports. */
export class K6SampleSink {
  private readonly tags = new TagInterner();
  private iterations = 0;
  private dropped = 0;
  private peakVus = 0;
  private readonly vusBySource = new Map<string, number>();

  constructor(private readonly sink: MetricSink) {}

  /** `source` tells k6 processes (execution segments) apart: their VUs add up. */
  add(s: K6Sample, source = ''): void {
    if (s.metric === 'vus') {
      this.vusBySource.set(source, s.value);
      let total = 0;
      for (const v of this.vusBySource.values()) total += v;
      this.peakVus = Math.max(this.peakVus, total);
      this.sink.vus(total);
      return;
    }
    if (s.metric === 'iterations') this.iterations += s.value;
    if (s.metric === 'dropped_iterations') this.dropped += s.value;
    recordK6Sample(this.sink, s, this.tags.intern(s.tags));
  }

  result(): EngineResult {
    return {
      iterations: this.iterations,
      interruptedIterations: 0,
      droppedIterations: this.dropped,
      flowErrors: {},
      peakVus: this.peakVus,
    };
  }
}
