import { describe, expect, it } from 'vitest';
import { parseFormats, reportFormats } from '../../reports/render/report-formats.js';

describe('parseFormats', () => {
  it('reads a comma list, trimmed, lower-cased and deduplicated, in order', () => {
    expect(parseFormats('html, JUnit,md,json,md')).toEqual({
      ok: true,
      formats: ['html', 'junit', 'md', 'json'],
    });
  });

  it('names the unknown formats and the valid ones', () => {
    expect(parseFormats('html,xml,pdf')).toEqual({
      ok: false,
      unknown: ['xml', 'pdf'],
      valid: ['html', 'json', 'junit', 'md'],
    });
    expect(parseFormats(' , ')).toMatchObject({ ok: false, unknown: [] });
  });

  it('writes each format to its own file', () => {
    expect(Object.values(reportFormats).map((f) => f.file)).toEqual([
      'report.html',
      'summary.json',
      'junit.xml',
      'summary.md',
    ]);
  });
});
