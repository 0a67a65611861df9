import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetaSchema } from '../../core/run-dir/schema/run-meta.js';
import { clientBucketSchema, serverSampleSchema } from '../../core/run-dir/schema/series.js';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'run-format.md'), 'utf8');

/** The JSON block that follows `<!-- example: NAME -->` in the document. */
function example(name: string): unknown {
  const at = DOC.indexOf(`<!-- example: ${name} -->`);
  expect(at, `docs/run-format.md has no example "${name}"`).toBeGreaterThanOrEqual(0);
  const block = /```json\n([\s\S]*?)\n```/.exec(DOC.slice(at));
  return JSON.parse(block?.[1] ?? 'null');
}

describe('docs/run-format.md', () => {
  it('shows a run.json that the schema accepts', () => {
    const parsed = runMetaSchema.safeParse(example('run.json'));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('shows client and server lines that the schema accepts', () => {
    expect(clientBucketSchema.safeParse(example('client line')).error?.issues ?? []).toEqual([]);
    expect(serverSampleSchema.safeParse(example('server line')).error?.issues ?? []).toEqual([]);
  });

  it('names every field of run.json it documents as a field of the schema', () => {
    const keys = Object.keys(runMetaSchema.shape);
    for (const key of ['loadModel', 'executors', 'phases', 'phasesSource', 'runner', 'aborted']) {
      expect(DOC).toMatch(new RegExp(`\`(scenario\\.)?${key}\``));
    }
    for (const key of ['phases', 'phasesSource', 'runner', 'engineResult', 'serverSeries']) {
      expect(keys).toContain(key);
    }
  });
});
