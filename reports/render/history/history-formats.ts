import type { HistoryAnalysis } from '../../analysis/history/history-analysis.js';
import { renderHistoryHtml } from './history-html.js';
import { renderHistoryJson, type HistorySource } from './history-json.js';
import { renderHistoryMarkdown } from './history-markdown.js';

/** An output of `loadrig history`, written beside the runs (or where --output says). */
export interface HistoryFormat {
  file: string;
  render(analysis: HistoryAnalysis, source: HistorySource): string;
}

export const historyFormats = {
  html: { file: 'history.html', render: renderHistoryHtml },
  md: { file: 'history.md', render: (analysis) => renderHistoryMarkdown(analysis) },
  json: { file: 'history.json', render: renderHistoryJson },
} satisfies Record<string, HistoryFormat>;

export type HistoryFormatName = keyof typeof historyFormats;
