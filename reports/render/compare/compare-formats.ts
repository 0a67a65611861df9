import type { RunData } from '../../../core/run-dir/run-data.js';
import type { Comparison } from '../../analysis/compare/comparison.js';
import { renderCompareHtml } from './compare-html.js';
import { renderCompareJson } from './compare-json.js';
import { renderCompareJunit } from './compare-junit.js';
import { renderCompareMarkdown } from './compare-markdown.js';

/** A comparison and the runs behind it: what every output is rendered from. */
export interface CompareInput {
  comparison: Comparison;
  base: readonly RunData[];
  candidate: readonly RunData[];
}

export interface CompareFormat {
  file: string;
  description: string;
  render(input: CompareInput): string;
}

/** The four outputs of a comparison, by the name `--format` takes. */
export const compareFormats = {
  html: {
    file: 'compare.html',
    description: 'the self-contained HTML comparison',
    render: ({ comparison, base, candidate }) => renderCompareHtml(comparison, base, candidate),
  },
  md: {
    file: 'compare.md',
    description: 'Markdown for a PR comment or $GITHUB_STEP_SUMMARY',
    render: ({ comparison }) => renderCompareMarkdown(comparison),
  },
  json: {
    file: 'compare.json',
    description: 'every figure for scripts (docs/compare-format.md)',
    render: ({ comparison }) => renderCompareJson(comparison),
  },
  junit: {
    file: 'junit.xml',
    description: 'JUnit XML: a test case per metric, regressions failing',
    render: ({ comparison }) => renderCompareJunit(comparison),
  },
} satisfies Record<string, CompareFormat>;

export type CompareFormatName = keyof typeof compareFormats;

export const ALL_COMPARE_FORMATS = Object.keys(compareFormats) as CompareFormatName[];
