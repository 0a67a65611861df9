import type { RunAnalysis } from '../analysis/analyse.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { toSummaryJson } from './summary-json.js';

/** An output written into the run directory from the run data and its analysis. */
export interface ReportFormat {
  /** File name inside the run directory. */
  file: string;
  description: string;
  render(run: RunData, analysis: RunAnalysis): string;
}

export const reportFormats = {
  html: {
    file: 'report.html',
    description: 'the self-contained HTML report',
    render: renderHtml,
  },
  json: {
    file: 'summary.json',
    description: 'figures, thresholds and findings for scripts (documented schema)',
    render: (run, analysis) => JSON.stringify(toSummaryJson(run, analysis), null, 2) + '\n',
  },
  junit: {
    file: 'junit.xml',
    description: 'JUnit XML: a test case per threshold and per warning or critical finding',
    render: renderJunit,
  },
  md: {
    file: 'summary.md',
    description: 'Markdown for a PR comment or $GITHUB_STEP_SUMMARY',
    render: renderMarkdown,
  },
} satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof reportFormats;

export const DEFAULT_FORMATS: readonly ReportFormatName[] = ['html', 'json'];

export type ParsedFormats =
  | { ok: true; formats: ReportFormatName[] }
  | { ok: false; unknown: string[]; valid: ReportFormatName[] };

/** `html,junit, md` → ['html', 'junit', 'md'] (deduplicated, in the order given). */
export function parseFormats(text: string): ParsedFormats {
  const valid = Object.keys(reportFormats) as ReportFormatName[];
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(valid as string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) return { ok: false, unknown, valid };
  return { ok: true, formats: [...new Set(names as ReportFormatName[])] };
}
