import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../core/package-root.js';
import { reportAssets } from '../report-assets.js';
import { scriptText, styleText } from '../script-safe.js';

export interface HistoryAssets {
  template: string;
  historyCss: string;
  chartsJs: string;
  /** Shared with the run report: uPlot and the report's styles. */
  reportCss: string;
  uplotCss: string;
  uplotJs: string;
}

let cached: HistoryAssets | undefined;

/** Read once per process from reports/templates (sources and dist alike), like the run report's. */
export function historyAssets(): HistoryAssets {
  if (cached) return cached;
  const templates = join(packageRoot(), 'reports', 'templates');
  const read = (name: string) => readFileSync(join(templates, name), 'utf8');
  const shared = reportAssets();
  cached = {
    template: read('history.hbs'),
    historyCss: styleText(read('history.css')),
    chartsJs: scriptText(read('history-charts.js')),
    reportCss: shared.reportCss,
    uplotCss: shared.uplotCss,
    uplotJs: shared.uplotJs,
  };
  return cached;
}
