import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import { latencyDistribution } from '../../reports/analysis/latency-distribution.js';
import { chartData, clientSpan } from '../../reports/render/chart-data.js';
import { sampleRun } from './fixtures/sample-run.js';

const t0 = 1_735_689_600;

/** The sample run with server samples around it and a heap limit `limitBytes`. */
function withServer(limitBytes: number) {
  const run = sampleRun();
  run.meta.serverSeries.push({
    id: 'node.heap_limit_bytes',
    label: 'heap limit',
    unit: 'bytes',
    source: 'agent',
  });
  run.server = [
    { t: t0 - 2, values: { 'process.rss_bytes': 40e6 } },
    ...run.server.map((s) => ({
      ...s,
      values: { ...s.values, 'node.heap_limit_bytes': limitBytes },
    })),
    { t: t0 + 30, values: { 'process.rss_bytes': 90e6 } },
  ];
  return buildTimeline(run);
}
const noDistribution = latencyDistribution(undefined, new Map(), String);

describe('the time charts', () => {
  it('span the seconds the client recorded: server samples around them are cut', () => {
    const timeline = withServer(4e9);
    expect(timeline.t[0]).toBe(t0 - 2);
    const span = clientSpan(timeline);
    expect([span.t[0], span.t.at(-1)]).toEqual([t0, t0 + 29]);
    expect(span.server.every((s) => s.values.length === 30)).toBe(true);
    expect(chartData(timeline, noDistribution).t).toEqual(span.t);
  });

  it('leave a far-off memory limit out of the axis, naming it; draw it when memory is near', () => {
    const far = chartData(withServer(4.345e9), noDistribution).charts.find((c) =>
      c.title.startsWith('Server memory'),
    );
    expect(far?.title).toBe('Server memory vs p99 (not drawn, far above: heap limit 4.3 GB)');
    expect(far?.series.map((s) => s.label)).toEqual(['RSS', 'p99']);
    const near = chartData(withServer(100e6), noDistribution).charts.find((c) =>
      c.title.startsWith('Server memory'),
    );
    expect(near?.title).toBe('Server memory vs p99');
    expect(near?.series.map((s) => s.label)).toEqual(['RSS', 'heap limit', 'p99']);
  });
});
