import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { toSummaryJson } from '../../reports/render/summary-json.js';
import { sampleRun } from './fixtures/sample-run.js';

describe('toSummaryJson', () => {
  const run = sampleRun({ endedAt: undefined as unknown as string });
  delete (run.meta as { endedAt?: string }).endedAt;
  const json = toSummaryJson(run, analyseRun(run));

  it('has the documented shape, with null for absent values', () => {
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'run',
      'passed',
      'verdict',
      'thresholds',
      'metrics',
      'endpoints',
      'findings',
      // Added within schema version 1 (fields are only ever added).
      'flowErrors',
      'requestErrors',
      'spikeRecovery',
      'verdictLine',
      'error',
    ]);
    expect(json.schemaVersion).toBe(1);
    expect(json.run).toEqual({
      id: 'run-2025-01-01T00-00-00',
      scenario: 'checkout smoke',
      status: 'passed',
      startedAt: '2025-01-01T00:00:00.000Z',
      endedAt: null,
      durationSec: 30,
    });
    expect(json.passed).toBe(false);
    expect(json.verdict).toBe('failed');
    expect(json.thresholds[1]).toEqual({
      selector: 'http_req_duration',
      expression: 'avg<10',
      ok: false,
      actual: expect.closeTo(24_300 / 1230, 9),
      message: null,
    });
  });

  it('keys metrics in sorted order and survives a JSON round trip unchanged', () => {
    expect(Object.keys(json.metrics)).toEqual([
      'checks',
      'data_received',
      'data_sent',
      'http_req_duration',
      'http_req_failed',
      'http_reqs',
      'iterations',
    ]);
    expect(json.metrics['http_reqs']).toEqual({ kind: 'counter', count: 1230, ratePerSec: 41 });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.endpoints.map((e) => `${e.method} ${e.name} ${e.count}`)).toEqual([
      'GET home 630',
      'POST login 600',
    ]);
  });
});
