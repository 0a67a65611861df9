import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../core/package-root.js';
import type { CapacityAnalysis } from '../../analysis/capacity/analyse-capacity.js';
import { REPORT_CSP } from '../html.js';
import { reportAssets } from '../report-assets.js';
import { jsonForScript, scriptText } from '../script-safe.js';
import { capacityView } from './capacity-view.js';

let compiled: { template: Handlebars.TemplateDelegate; chartsJs: string } | undefined;

/** The capacity template and chart script (read once; uPlot and styles are the run report's). */
function assets(): { template: Handlebars.TemplateDelegate; chartsJs: string } {
  if (compiled) return compiled;
  const templates = join(packageRoot(), 'reports', 'templates');
  const hbs = Handlebars.create();
  compiled = {
    template: hbs.compile(readFileSync(join(templates, 'capacity.hbs'), 'utf8'), { strict: true }),
    chartsJs: scriptText(readFileSync(join(templates, 'capacity-charts.js'), 'utf8')),
  };
  return compiled;
}

/**
 * capacity.html: self-contained like the run report (same CSP, uPlot and styles inline): the
 * answer in one sentence first, then the charts, the steps, the fit, the sweep and the notes.
 */
export function renderCapacityHtml(a: CapacityAnalysis): string {
  const { template, chartsJs } = assets();
  const shared = reportAssets();
  const view = capacityView(a);
  const raw = (text: string) => new Handlebars.SafeString(text);
  return template({
    ...view,
    csp: raw(REPORT_CSP),
    dataJson: raw(jsonForScript(view.chartData)),
    uplotCss: raw(shared.uplotCss),
    reportCss: raw(shared.reportCss),
    uplotJs: raw(shared.uplotJs),
    chartsJs: raw(chartsJs),
  });
}
