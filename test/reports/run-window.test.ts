import { describe, expect, it } from 'vitest';
import { summarise } from '../../reports/analysis/summary.js';
import { evaluateThresholds } from '../../reports/analysis/thresholds/thresholds.js';
import { loadSpanSec, runWindow } from '../../reports/analysis/run-window.js';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import { CHART_ANCHORS, chartData } from '../../reports/render/chart-data.js';
import { parseThresholds } from '../../scenarios/thresholds.js';
import type { ClientBucket, Phase } from '../../core/run-dir/run-data.js';
import { httpBucket, range, runData } from './fixtures/run-data-builder.js';

const T0 = 1_700_000_000;
/** A constant 50/s for 8 s that started 0.4 s into second T0 + 2, after 2 s of thread start-up. */
const phases: Phase[] = [
  { kind: 'warmup', startMs: (T0 - 10) * 1000, endMs: T0 * 1000 },
  {
    kind: 'hold',
    scenario: 'default',
    startMs: (T0 + 2) * 1000 + 400,
    endMs: (T0 + 10) * 1000 + 400,
    level: 50,
  },
  { kind: 'drain', startMs: (T0 + 10) * 1000 + 400, endMs: (T0 + 11) * 1000 + 900 },
];

function openRun(phasesSource: 'recorded' | 'derived' = 'recorded') {
  // Two empty seconds while threads start, 30 + 7×50 + 20 requests, then a drain second.
  const counts = [0, 0, 30, 50, 50, 50, 50, 50, 50, 50, 20, 0];
  const client: ClientBucket[] = counts.map((n, i) =>
    httpBucket(T0 + i, n === 0 ? [] : [{ name: 'x', durationsMs: range(1, 2, n) }]),
  );
  return runData(client, { meta: { phases, phasesSource } });
}

describe('rates over the measured window', () => {
  it('divide by the load phases, not the seconds of start-up and drain around them', () => {
    expect(loadSpanSec(phases)).toBe(8);
    const s = summarise(openRun());
    expect(s.durationSec).toBe(8);
    expect(s.metrics['http_reqs']).toEqual({ kind: 'counter', count: 400, ratePerSec: 50 });
    expect(s.endpoints[0]?.reqPerSec).toBe(50);
    const [rate] = evaluateThresholds(openRun(), parseThresholds({ http_reqs: ['rate>=50'] }));
    expect(rate).toMatchObject({ ok: true, actual: 50 });
  });

  it('keep the bucket span for runs whose phases were only derived from the profile', () => {
    expect(summarise(openRun('derived')).durationSec).toBe(12);
  });

  it('keep the bucket span when the run has no load phase', () => {
    expect(runWindow([httpBucket(5, []), httpBucket(9, [])], [phases[0]!]).durationSec).toBe(5);
    expect(loadSpanSec([])).toBeUndefined();
  });
});

describe('allocated VUs on the timeline', () => {
  it('takes vus_max per second where recorded, null elsewhere', () => {
    const gauge = (value: number) => ({
      kind: 'gauge' as const,
      tags: {},
      value,
      min: value,
      max: value,
    });
    const client: ClientBucket[] = [
      { t: 1, vus: 2, metrics: { vus_max: [gauge(5)] } },
      { t: 2, vus: 3, metrics: {} },
      { t: 4, vus: 1, metrics: { vus_max: [gauge(7)] } },
    ];
    const timeline = buildTimeline(runData(client));
    expect(timeline.vus).toEqual([2, 3, null, 1]);
    expect(timeline.vusMax).toEqual([5, null, null, 7]);
    const loadChart = (t: typeof timeline) =>
      chartData(t, { percentiles: [], curves: [] }).charts.find((c) => c.id === CHART_ANCHORS.load);
    expect(loadChart(timeline)?.series.map((s) => s.label)).toContain('VUs allocated');
    // A run that never said (a closed model recorded before, a k6 import) keeps its chart as it was.
    const without = buildTimeline(runData(client.map((b) => ({ ...b, metrics: {} }))));
    expect(loadChart(without)?.series.map((s) => s.label)).not.toContain('VUs allocated');
  });
});
