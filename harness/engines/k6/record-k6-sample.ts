import type { Tags } from '../../../core/run-dir/run-data.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
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
