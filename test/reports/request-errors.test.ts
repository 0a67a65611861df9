import { describe, expect, it } from 'vitest';
import { classifyError, requestErrorRows } from '../../reports/analysis/request-errors.js';
import type { ClientBucket, MetricSeries } from '../../core/run-dir/run-data.js';

const failed = (passes: number, total: number, tags: Record<string, string>): MetricSeries => ({
  kind: 'rate',
  tags: { name: 'x', method: 'GET', ...tags },
  passes,
  total,
});

describe('requestErrorRows', () => {
  it('counts failed requests by status and cause over the run, most frequent first', () => {
    const buckets: ClientBucket[] = [
      {
        t: 1,
        vus: 1,
        metrics: {
          http_req_failed: [
            failed(0, 50, { status: '200' }),
            failed(5, 5, { status: '503' }),
            failed(30, 30, { status: '0', error_code: 'ECONNREFUSED' }),
          ],
        },
      },
      {
        t: 2,
        vus: 1,
        metrics: {
          http_req_failed: [
            failed(10, 10, { status: '0', error_code: 'ECONNREFUSED' }),
            failed(5, 5, { status: '0', error_code: 'E_REQUEST_TIMEOUT' }),
          ],
        },
      },
    ];
    expect(requestErrorRows(buckets)).toEqual([
      {
        status: 0,
        errorCode: 'ECONNREFUSED',
        cause: 'refused',
        label: 'connection refused: nothing listens there (ECONNREFUSED)',
        count: 40,
        share: 0.4,
      },
      {
        status: 0,
        errorCode: 'E_REQUEST_TIMEOUT',
        cause: 'timeout',
        label: 'timeout: no answer in time (E_REQUEST_TIMEOUT)',
        count: 5,
        share: 0.05,
      },
      { status: 503, errorCode: null, cause: 'status', label: 'HTTP 503', count: 5, share: 0.05 },
    ]);
  });

  it('is empty for a run without failures', () => {
    expect(
      requestErrorRows([{ t: 1, vus: 1, metrics: { http_req_failed: [failed(0, 9, {})] } }]),
    ).toEqual([]);
    expect(requestErrorRows([])).toEqual([]);
  });
});

describe('classifyError', () => {
  it.each([
    [503, null, 'status'],
    [0, 'ECONNREFUSED', 'refused'],
    [0, 'E_REQUEST_TIMEOUT', 'timeout'],
    [0, 'ETIMEDOUT', 'timeout'],
    [0, 'ECONNRESET', 'reset'],
    [0, 'EPIPE', 'reset'],
    [0, 'ENOTFOUND', 'dns'],
    [0, 'EAI_AGAIN', 'dns'],
    [0, 'DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    [0, 'ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    [0, 'ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    [0, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    [0, 'E_HTTP_PARSE', 'parse'],
    // k6's numeric codes (lib/netext/httpext/error_codes.go)
    [0, '1212', 'refused'],
    [0, '1211', 'timeout'],
    [0, '1050', 'timeout'],
    [0, '1220', 'reset'],
    [0, '1101', 'dns'],
    [0, '1310', 'tls'],
    [0, 'EWHATEVER', 'other'],
    [0, null, 'other'],
  ] as const)('status %s, %s → %s', (status, code, cause) => {
    const c = classifyError(status, code);
    expect(c.cause).toBe(cause);
    if (code !== null && status === 0) expect(c.label).toContain(code);
  });
});
