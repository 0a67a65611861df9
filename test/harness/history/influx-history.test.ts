import { describe, expect, it } from 'vitest';
import { runFromRow, runQuery } from '../../../harness/history/influx-history.js';

describe('history from InfluxDB', () => {
  it('selects the finished runs a filter keeps, with quoted literals', () => {
    expect(runQuery({ scenario: "o'neil", branch: 'main', sinceMs: 1_767_225_600_000 })).toBe(
      `SELECT * FROM loadrig_run WHERE ("status" = 'passed' OR "status" = 'failed') AND "scenario" = 'o\\'neil' AND "branch" = 'main' AND time >= 1767225600000ms`,
    );
  });

  it('turns a loadrig_run row into a run with the figures of its digest, ignoring other columns', () => {
    const time = Object.assign(new Date('2026-01-26T02:00:00.000Z'), {
      getNanoTime: () => '0',
      toNanoISOString: () => '',
    });
    const run = runFromRow({
      time,
      testid: '20260126T020000Z-nightly',
      scenario: 'nightly',
      branch: 'main',
      commit: null,
      status: 'passed',
      dirty: false,
      window_kind: 'steady',
      window_seconds: 600,
      requests: 540000,
      'latency.p99': 46.2,
      'latency.p99[GET /api/orders]': 45.1,
      'not.a.figure': 3,
    });
    expect(run).toEqual({
      id: '20260126T020000Z-nightly',
      scenario: 'nightly',
      branch: 'main',
      commit: null,
      dirty: false,
      startedAt: '2026-01-26T02:00:00.000Z',
      status: 'passed',
      report: null,
      digest: {
        window: { kind: 'steady', fromT: null, toT: null, seconds: 600 },
        requests: 540000,
        figures: { 'latency.p99': 46.2, 'latency.p99[GET /api/orders]': 45.1 },
      },
    });
  });
});
