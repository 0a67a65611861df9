import Handlebars from 'handlebars';
import type { HistoryAnalysis } from '../../analysis/history/history-analysis.js';
import { REPORT_CSP } from '../html.js';
import { jsonForScript } from '../script-safe.js';
import { historyAssets } from './history-assets.js';
import type { HistorySource } from './history-json.js';
import { historyChartData, historyView } from './history-view.js';

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  // A private environment, as for the run report: nothing registered globally.
  compiled ??= Handlebars.create().compile(historyAssets().template, { strict: true });
  return compiled;
}

/**
 * history.html: one self-contained file under the run report's Content-Security-Policy
 * (styles, uPlot and data inline; no request of any kind). Links to run reports are relative,
 * so the page works wherever the folder of runs is opened or unpacked.
 */
export function renderHistoryHtml(analysis: HistoryAnalysis, source: HistorySource): string {
  const assets = historyAssets();
  const raw = (text: string) => new Handlebars.SafeString(text);
  return template()({
    ...historyView(analysis, source),
    csp: raw(REPORT_CSP),
    dataJson: raw(jsonForScript(historyChartData(analysis))),
    uplotCss: raw(assets.uplotCss),
    reportCss: raw(assets.reportCss),
    historyCss: raw(assets.historyCss),
    uplotJs: raw(assets.uplotJs),
    chartsJs: raw(assets.chartsJs),
  });
}
