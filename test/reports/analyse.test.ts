import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { verdictOf } from '../../reports/analysis/verdict.js';
import { httpBucket, runData, withThresholds } from './fixtures/run-data-builder.js';

describe('analyseRun', () => {
  const client = [httpBucket(1, [{ name: 'a', durationsMs: [10, 20, 30] }])];

  it('passes when every threshold passes, and when there are none', () => {
    const ok = analyseRun(
      runData(client, { meta: withThresholds({ http_req_duration: ['max<=30'] }) }),
    );
    expect(ok.passed).toBe(true);
    expect(ok.thresholds).toHaveLength(1);
    expect(ok.summary.metrics['http_reqs']).toEqual({ kind: 'counter', count: 3, ratePerSec: 3 });
    expect(ok.timeline.t).toEqual([1]);
    expect(analyseRun(runData(client)).passed).toBe(true);
  });

  it('fails when one threshold fails or has no data', () => {
    expect(
      analyseRun(runData(client, { meta: withThresholds({ http_req_duration: ['max<30'] }) }))
        .passed,
    ).toBe(false);
    expect(
      analyseRun(runData(client, { meta: withThresholds({ 'checks{check:x}': ['rate>0.9'] }) }))
        .passed,
    ).toBe(false);
  });

  it('is deterministic', () => {
    const run = runData(client, { meta: withThresholds({ http_req_duration: ['p(95)<100'] }) });
    expect(JSON.stringify(analyseRun(run).summary)).toBe(JSON.stringify(analyseRun(run).summary));
  });
});

describe('verdictOf', () => {
  it.each([
    ['passed', true, 'passed'],
    ['passed', false, 'failed'],
    ['failed', true, 'failed'],
    ['error', true, 'error'],
    ['interrupted', true, 'interrupted'],
    ['running', true, 'interrupted'],
  ] as const)('status %s with thresholds passed=%s is %s', (status, passed, verdict) => {
    expect(verdictOf(status, passed)).toBe(verdict);
  });
});
