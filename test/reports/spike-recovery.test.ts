import { describe, expect, it } from 'vitest';
import { plannedPhases } from '../../core/run-dir/phases.js';
import { profileExecutors } from '../../core/run-dir/profile-executors.js';
import type { Phase } from '../../core/run-dir/run-data.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { findSpike, spikeRecovery } from '../../reports/analysis/spike-recovery.js';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import { renderConsoleSummary } from '../../reports/render/console-summary.js';
import { renderHtml } from '../../reports/render/html.js';
import { renderMarkdown } from '../../reports/render/markdown.js';
import { toSummaryJson } from '../../reports/render/summary-json.js';
import { spike } from '../../scenarios/profile.js';
import { httpBucket, range, runData } from './fixtures/run-data-builder.js';

const T0 = 1_735_689_600;
const profile = spike({ baseline: 5, peak: 50, before: '20s', hold: '10s', after: '30s' });
const phases = plannedPhases(profileExecutors(profile, 0), T0 * 1000);

/**
 * A spike run: 20 s at 8–12 ms (p95 ≈ 11.8 ms), 12 s of spike at 200 ms (jump, hold, drop),
 * then `after` ms per second, one value per second, 20 requests each.
 */
function spikeRun(after: readonly (number | null)[]) {
  const client = [];
  for (let i = 0; i < 20; i++) {
    client.push(httpBucket(T0 + i, [{ name: 'x', durationsMs: range(8, 12, 21) }], 5));
  }
  for (let i = 20; i < 32; i++) {
    client.push(httpBucket(T0 + i, [{ name: 'x', durationsMs: range(150, 200, 20) }], 50));
  }
  after.forEach((ms, k) => {
    const values = ms === null ? [] : Array.from({ length: 20 }, () => ms);
    client.push(httpBucket(T0 + 32 + k, [{ name: 'x', durationsMs: values }], 5));
  });
  return runData(client, {
    meta: { phases, phasesSource: 'recorded', scenario: { ...runData([]).meta.scenario, profile } },
  });
}

const recovery = (after: readonly (number | null)[]) => {
  const run = spikeRun(after);
  return spikeRecovery(run, buildTimeline(run));
};
const settled = (n: number): number[] => Array.from({ length: n }, () => 11);

describe('spike recovery', () => {
  it('finds the spike in the phases the profile plans', () => {
    const found = findSpike(phases);
    expect(found?.before).toMatchObject({ kind: 'hold', level: 5 });
    expect(found?.up).toMatchObject({ kind: 'ramp-up', level: 50 });
    expect(found?.down).toMatchObject({ kind: 'ramp-down', level: 5, endMs: (T0 + 32) * 1000 });
    expect(found?.after).toMatchObject({ kind: 'hold', level: 5, endMs: (T0 + 62) * 1000 });
  });

  it('counts the seconds from the load back at baseline until p95 is within 20 % of its baseline', () => {
    const r = recovery([50, 40, 30, 20, 16, 13, ...settled(24)]);
    expect(r?.baselineP95Ms).toBeCloseTo(11.8, 1);
    expect(r?.thresholdMs).toBeCloseTo((r?.baselineP95Ms ?? 0) * 1.2, 9);
    // 16 ms is above 11.8 × 1.2 = 14.2 ms; 13 ms is the first second within, and stays.
    expect(r).toMatchObject({
      spikeEndT: T0 + 32,
      recoverySec: 5,
      recoveredAtT: T0 + 37,
      observedSec: 30,
      baselineLevel: 5,
      peakLevel: 50,
    });
    expect(r?.peakP95Ms).toBeCloseTo(197.4, 0); // p95 of a spike second (150–200 ms)
  });

  it('is 0 s when p95 never left the band after the spike', () => {
    expect(recovery(settled(30))?.recoverySec).toBe(0);
  });

  it('does not take one lucky second, or a second without answers, for a recovery', () => {
    expect(recovery([50, 11, 40, 30, 11, 11, ...settled(24)])?.recoverySec).toBe(4);
    expect(recovery([50, 11, null, 11, 11, 11, ...settled(24)])?.recoverySec).toBe(3);
  });

  it('reports no recovery, with the seconds watched, when p95 stays high', () => {
    expect(recovery(Array.from({ length: 30 }, () => 30))).toMatchObject({
      recoverySec: null,
      recoveredAtT: null,
      observedSec: 30,
    });
  });

  it('watches only what the run recorded when it stopped during the recovery', () => {
    expect(recovery([50, 40, 30, 20])).toMatchObject({ recoverySec: null, observedSec: 4 });
    expect(recovery([])).toMatchObject({ recoverySec: null, observedSec: 0 });
  });

  it('is absent for a run without a spike, or without requests before it', () => {
    const ramp = runData([httpBucket(T0, [{ name: 'x', durationsMs: [1] }])]);
    expect(analyseRun(ramp).spikeRecovery).toBeUndefined();
    const noBaseline = spikeRun(settled(30));
    noBaseline.client = noBaseline.client.filter((b) => b.t >= T0 + 20);
    expect(spikeRecovery(noBaseline, buildTimeline(noBaseline))).toBeUndefined();
    expect(analyseRun(spikeRun(settled(30))).spikeRecovery?.recoverySec).toBe(0);
  });

  it('finds a spike in k6 stages of the same shape, at any level unit', () => {
    const at = (kind: Phase['kind'], fromS: number, toS: number, level: number): Phase => ({
      kind,
      scenario: 'open',
      startMs: fromS * 1000,
      endMs: toS * 1000,
      level,
    });
    const open = [
      at('warmup', 0, 5, 0),
      at('ramp-up', 5, 10, 100),
      at('hold', 10, 40, 100),
      at('ramp-up', 40, 45, 900),
      at('hold', 45, 60, 900),
      at('ramp-down', 60, 70, 100),
      at('hold', 70, 130, 100),
    ];
    expect(findSpike(open)?.down.endMs).toBe(70_000);
    expect(findSpike(open.slice(0, 5))).toBeUndefined();
  });
});

describe('spike recovery in the console, the report, Markdown and summary.json', () => {
  const run = spikeRun([50, 40, 30, 20, 16, 13, ...settled(24)]);
  const analysis = analyseRun(run);

  it('states the recovery time with its baseline, peak and load', () => {
    const console = renderConsoleSummary(run, analysis, { color: false });
    expect(console).toContain('█ SPIKE RECOVERY');
    expect(console).toMatch(
      /✓ p95 was back within 20 % of its pre-spike baseline of 11\.\d+ms 5 s after the load fell back/,
    );
    expect(console).toMatch(
      /recovery=5 s baseline p95=11\.\d+ms .*peak p95=197\.\d+ms load=5 → 50 → 5/,
    );
    expect(renderMarkdown(run, analysis)).toContain('#### Spike recovery');
    expect(renderHtml(run, analysis)).toMatch(/id="spike-recovery"[\s\S]*✓ recovered/);
    expect(toSummaryJson(run, analysis).spikeRecovery).toMatchObject({
      recoverySec: 5,
      observedSec: 30,
    });
  });

  it('says when p95 did not come back in the time watched', () => {
    const stuck = spikeRun(Array.from({ length: 30 }, () => 30));
    const text = renderConsoleSummary(stuck, analyseRun(stuck), { color: false });
    expect(text).toContain('✗ p95 was not back within 20 % of its pre-spike baseline');
    expect(text).toContain('in the 30 s watched after the spike');
    expect(text).toContain('recovery=> 30 s');
  });
});
