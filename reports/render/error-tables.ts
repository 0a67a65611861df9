import type { RunAnalysis } from '../analysis/analyse.js';
import { redactText } from '../../core/run-dir/redact.js';
import { formatCount, formatPercent } from './format.js';

/** Rows shown per table; the rest is summed up in one line. */
export const ERROR_ROWS_SHOWN = 10;

/** A flow error as every renderer prints it (secrets redacted, figures formatted). */
export interface FlowErrorCells {
  message: string;
  location: string;
  count: string;
  share: string;
}

/** Failed requests of one status and cause, formatted. */
export interface RequestErrorCells {
  status: string;
  cause: string;
  count: string;
  share: string;
}

export interface ErrorTables {
  flow: FlowErrorCells[];
  /** `and 3 more messages (120 errors)`, or '' when every row is shown. */
  flowMore: string;
  requests: RequestErrorCells[];
  requestsMore: string;
}

/** The flow errors and failed requests of a run, as the console, HTML and Markdown show them. */
export function errorTables(analysis: RunAnalysis): ErrorTables {
  const flow = analysis.flowErrors ?? [];
  const requests = analysis.requestErrors ?? [];
  return {
    flow: flow.slice(0, ERROR_ROWS_SHOWN).map((r) => ({
      message: redactText(r.message),
      location: r.location === null ? '-' : redactText(r.location),
      count: formatCount(r.count),
      share: formatPercent(r.share),
    })),
    flowMore: more(
      flow.slice(ERROR_ROWS_SHOWN).map((r) => r.count),
      'message',
      'error',
    ),
    requests: requests.slice(0, ERROR_ROWS_SHOWN).map((r) => ({
      status: String(r.status),
      cause: r.label,
      count: formatCount(r.count),
      share: formatPercent(r.share),
    })),
    requestsMore: more(
      requests.slice(ERROR_ROWS_SHOWN).map((r) => r.count),
      'cause',
      'request',
    ),
  };
}

function more(counts: number[], row: string, unit: string): string {
  if (counts.length === 0) return '';
  const total = counts.reduce((a, b) => a + b, 0);
  return `and ${counts.length} more ${row}${counts.length === 1 ? '' : 's'} (${formatCount(total)} ${unit}${total === 1 ? '' : 's'})`;
}
