import type { CapacityAnalysis } from '../../analysis/capacity/analyse-capacity.js';
import { renderCapacityHtml } from './capacity-html.js';
import { renderCapacityJson } from './capacity-json.js';
import { renderCapacityMarkdown } from './capacity-markdown.js';

/** The capacity outputs, by name: each a file and a pure renderer. */
export const capacityFormats = {
  html: { file: 'capacity.html', render: renderCapacityHtml },
  md: { file: 'capacity.md', render: renderCapacityMarkdown },
  json: { file: 'capacity.json', render: renderCapacityJson },
} satisfies Record<string, { file: string; render: (a: CapacityAnalysis) => string }>;

export type CapacityFormatName = keyof typeof capacityFormats;
