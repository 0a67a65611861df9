import Handlebars from 'handlebars';
import type { RunAnalysis } from '../analysis/analyse.js';
import { correlationTable } from './correlation-table.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import { chartData } from './chart-data.js';
import { reportAssets } from './report-assets.js';
import { reportView } from './report-view.js';
import { jsonForScript } from './script-safe.js';

/** Everything that may shape the page; anything else (CDNs, fonts, fetches) is refused. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  // A private environment: no helpers or partials registered on the global instance.
  const hbs = Handlebars.create();
  compiled = hbs.compile(reportAssets().template, { strict: true });
  return compiled;
}

/**
 * One self-contained HTML file: styles, uPlot and data are inline, and the CSP forbids any
 * request, so it opens offline and can be attached to a CI run as is.
 */
export function renderHtml(run: RunData, analysis: RunAnalysis): string {
  const assets = reportAssets();
  const data = chartData(analysis.timeline, analysis.summary.distribution);
  const view = reportView({ ...run, meta: redactDeep(run.meta) }, analysis);
  // SafeString marks text already made safe for its context (script or style element
  // content), where HTML escaping would corrupt it; every user string goes through `{{ }}`.
  const raw = (text: string) => new Handlebars.SafeString(text);
  return template()({
    ...view,
    correlation: correlationTable(analysis.correlation),
    csp: raw(REPORT_CSP),
    hasCharts: data.charts.length > 0,
    charts: data.charts.map((c, index) => ({ index, id: c.id, title: c.title, kind: c.kind })),
    downsampleNote:
      data.bucketSec > 1
        ? `${data.t.length} points per chart: each ${data.bucketSec} s becomes its minimum and maximum, so spikes stay visible.`
        : '',
    dataJson: raw(jsonForScript(data)),
    uplotCss: raw(assets.uplotCss),
    reportCss: raw(assets.reportCss),
    uplotJs: raw(assets.uplotJs),
    chartsJs: raw(assets.chartsJs),
  });
}
