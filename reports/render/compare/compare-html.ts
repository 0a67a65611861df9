import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../../../core/package-root.js';
import type { RunData } from '../../../core/run-dir/run-data.js';
import type { Comparison } from '../../analysis/compare/comparison.js';
import { REPORT_CSP } from '../html.js';
import { reportAssets } from '../report-assets.js';
import { jsonForScript, scriptText, styleText } from '../script-safe.js';
import { compareChartData } from './compare-chart-data.js';
import { compareView } from './compare-view.js';

let compiled: { template: Handlebars.TemplateDelegate; css: string; js: string } | undefined;

function assets(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const dir = join(packageRoot(), 'reports', 'templates');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  // A private environment, as the run report's: nothing registered on the global instance.
  compiled = {
    template: Handlebars.create().compile(read('compare.hbs'), { strict: true }),
    css: styleText(read('compare.css')),
    js: scriptText(read('compare-charts.js')),
  };
  return compiled;
}

/**
 * compare.html: one self-contained file under the run report's Content-Security-Policy (no
 * request of any kind), with uPlot and the run report's styles inline. Verdict first, then
 * the table, the warnings, the charts of both sides and the runs.
 */
export function renderCompareHtml(
  c: Comparison,
  base: readonly RunData[],
  candidate: readonly RunData[],
): string {
  const shared = reportAssets();
  const own = assets();
  const charts = compareChartData(c, base, candidate);
  const raw = (text: string) => new Handlebars.SafeString(text);
  return own.template({
    ...compareView(c, charts),
    csp: raw(REPORT_CSP),
    hasCharts: charts.length > 0,
    dataJson: raw(jsonForScript({ charts })),
    uplotCss: raw(shared.uplotCss),
    reportCss: raw(shared.reportCss),
    compareCss: raw(own.css),
    uplotJs: raw(shared.uplotJs),
    chartsJs: raw(own.js),
  });
}
