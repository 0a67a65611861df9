import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { scriptText, styleText } from './script-safe.js';

/** The files a report inlines so it works offline: template, styles, chart script, uPlot. */
export interface ReportAssets {
  template: string;
  reportCss: string;
  chartsJs: string;
  uplotCss: string;
  uplotJs: string;
}

let cached: ReportAssets | undefined;

/**
 * Read once per process. Templates are not compiled: they are found under the package root,
 * which holds for the TypeScript sources and for dist/. uPlot comes from node_modules.
 */
export function reportAssets(): ReportAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const templates = join(packageRoot(), 'reports', 'templates');
  const read = (path: string) => readFileSync(path, 'utf8');
  cached = {
    template: read(join(templates, 'report.hbs')),
    reportCss: styleText(read(join(templates, 'report.css'))),
    chartsJs: scriptText(read(join(templates, 'report-charts.js'))),
    uplotCss: styleText(read(require.resolve('uplot/dist/uPlot.min.css'))),
    uplotJs: scriptText(read(require.resolve('uplot/dist/uPlot.iife.min.js'))),
  };
  return cached;
}
