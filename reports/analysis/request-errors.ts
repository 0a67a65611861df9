import type { ClientBucket } from '../../core/run-dir/run-data.js';

/** What kind of failure a request met: an HTTP status, or a transport cause. */
export type ErrorCause =
  'status' | 'refused' | 'timeout' | 'reset' | 'dns' | 'tls' | 'parse' | 'other';

/** Failed requests of one status and cause, over the run. */
export interface RequestErrorRow {
  /** The HTTP status, 0 when no response came. */
  status: number;
  /** The transport cause as recorded (`ECONNREFUSED`, `E_REQUEST_TIMEOUT`; k6's numeric codes). */
  errorCode: string | null;
  cause: ErrorCause;
  /** In words: `HTTP 503`, `connection refused (ECONNREFUSED)`. */
  label: string;
  count: number;
  /** Of all requests, 0..1. */
  share: number;
}

/**
 * Failed requests (http_req_failed passes) by status and `error_code`, most frequent first.
 * Reads rate series only: no histogram is decoded.
 */
export function requestErrorRows(buckets: readonly ClientBucket[]): RequestErrorRow[] {
  const counts = new Map<string, { status: number; errorCode: string | null; count: number }>();
  let requests = 0;
  for (const bucket of buckets) {
    for (const s of bucket.metrics['http_req_failed'] ?? []) {
      if (s.kind !== 'rate') continue;
      requests += s.total;
      if (s.passes === 0) continue;
      const status = Number(s.tags['status'] ?? 0) || 0;
      const errorCode = s.tags['error_code'] ?? null;
      const key = `${status} ${errorCode ?? ''}`;
      const row = counts.get(key) ?? { status, errorCode, count: 0 };
      row.count += s.passes;
      counts.set(key, row);
    }
  }
  return [...counts.values()]
    .map(({ status, errorCode, count }) => ({
      status,
      errorCode,
      ...classifyError(status, errorCode),
      count,
      share: count / requests,
    }))
    .sort((a, b) => b.count - a.count || a.status - b.status);
}

const LABELS: Record<Exclude<ErrorCause, 'status' | 'other'>, string> = {
  refused: 'connection refused: nothing listens there',
  timeout: 'timeout: no answer in time',
  reset: 'connection reset or closed by the server',
  dns: 'DNS lookup failed',
  tls: 'TLS handshake failed',
  parse: 'invalid HTTP response',
};

/** The kind of failure and its words, from the status and the recorded cause. */
export function classifyError(
  status: number,
  errorCode: string | null,
): { cause: ErrorCause; label: string } {
  if (status > 0) return { cause: 'status', label: `HTTP ${status}` };
  if (errorCode === null) return { cause: 'other', label: 'no response (cause not recorded)' };
  const cause = causeOf(errorCode);
  return cause === 'other'
    ? { cause, label: `no response (${errorCode})` }
    : { cause, label: `${LABELS[cause]} (${errorCode})` };
}

function causeOf(code: string): Exclude<ErrorCause, 'status'> {
  if (/^\d+$/.test(code)) return k6CauseOf(Number(code));
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'E_REQUEST_TIMEOUT' || code === 'ETIMEDOUT') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'E_HTTP_PARSE' || code.startsWith('HPE_')) return 'parse';
  if (/TLS|SSL|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH/.test(code)) return 'tls';
  return 'other';
}

/** k6's error codes (lib/netext/httpext/error_codes.go): ranges by kind. */
function k6CauseOf(code: number): Exclude<ErrorCause, 'status'> {
  if (code === 1050 || code === 1211) return 'timeout';
  if (code === 1212) return 'refused';
  if (code === 1201 || code === 1220) return 'reset';
  if (code >= 1100 && code < 1200) return 'dns';
  if (code >= 1300 && code < 1400) return 'tls';
  return 'other';
}
