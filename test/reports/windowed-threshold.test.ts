import { describe, expect, it } from 'vitest';
import { LiveThresholds } from '../../reports/analysis/thresholds/live-thresholds.js';
import { evaluateThresholds } from '../../reports/analysis/thresholds/thresholds.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import { parseThresholds } from '../../scenarios/thresholds.js';
import { httpBucket, runData } from './fixtures/run-data-builder.js';

// 120 s at a flat 20 ms, except seconds 60..64 at 400 ms: a bad 5 s inside a good run.
const client: ClientBucket[] = Array.from({ length: 120 }, (_, t) =>
  httpBucket(1000 + t, [
    { name: 'api', durationsMs: Array(100).fill(t >= 60 && t < 65 ? 400 : 20) },
  ]),
);

describe('sliding-window thresholds', () => {
  it('a whole-run p(95) hides a bad 5 s; the same threshold over every 10 s window does not', () => {
    const [whole, windowed, wide] = evaluateThresholds(
      runData(client),
      parseThresholds({
        http_req_duration: [
          'p(95)<300',
          { threshold: 'p(95)<300', window: '10s' },
          { threshold: 'p(95)<300', window: '60s' },
        ],
      }),
    );
    expect(whole?.ok).toBe(true);
    expect(windowed).toMatchObject({ ok: false, window: { seconds: 10 } });
    expect(windowed?.actual).toBeCloseTo(400, 0);
    // The first window taking in a bad second already breaks it, and is reported.
    expect(windowed?.window?.worstEndT).toBe(1060);
    // Over 60 s windows the bad 5 s are 1/12 of the samples: still above the 95th percentile's reach.
    expect(wide?.ok).toBe(false);
  });

  it('passes when every window passes, and reports the worst one', () => {
    const [r] = evaluateThresholds(
      runData(client),
      parseThresholds({ http_req_duration: [{ threshold: 'p(95)<500', window: '30s' }] }),
    );
    expect(r).toMatchObject({ ok: true });
    expect(r?.actual).toBeCloseTo(400, 0);
  });

  it('live: abortOnFail fires on the second the window breaks, not before its delay', () => {
    const live = new LiveThresholds(
      parseThresholds({
        http_req_duration: [{ threshold: 'p(95)<300', window: '5s', abortOnFail: true }],
        'http_req_duration{name:other}': ['p(95)<1'],
      }),
      { all: false },
    );
    const fired = client.map((b, i) => live.push(b, i * 1000).length > 0);
    // Second 60 brings 1/5 of the last 5 s to 400 ms: p95 breaks at once.
    expect(fired.indexOf(true)).toBe(60);
    const delayed = new LiveThresholds(
      parseThresholds({
        http_req_duration: [{ threshold: 'p(95)<300', abortOnFail: true, delayAbortEval: '115s' }],
      }),
      { all: false },
    );
    expect(client.some((b, i) => delayed.push(b, i * 1000).length > 0)).toBe(false);
  });

  it('stress/breakpoint watch every threshold; no samples yet is never a breach', () => {
    const live = new LiveThresholds(
      parseThresholds({ 'http_req_duration{name:nope}': ['p(95)<1'] }),
      {
        all: true,
      },
    );
    expect(live.active).toBe(true);
    expect(client.slice(0, 5).every((b, i) => live.push(b, i * 1000).length === 0)).toBe(true);
  });
});
