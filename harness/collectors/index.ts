import type { Collector } from './collector.js';
import type { MetricSource } from './metric-source.js';
import { ProcessCollector } from './process-collector.js';

/** One collector per metric source a provider announced. */
export function createCollectors(sources: MetricSource[]): Collector[] {
  return sources.map((source): Collector => {
    switch (source.kind) {
      case 'process':
        return new ProcessCollector(source.pid, source.label);
      default: {
        const unknown: never = source.kind;
        throw new Error(`no collector for metric source kind "${String(unknown)}"`);
      }
    }
  });
}

export type { Collector } from './collector.js';
export type { MetricSource } from './metric-source.js';
