import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../../../core/errors.js';
import { flowExportNames } from '../../../../harness/engines/k6/flow-exports.js';
import { k6Options } from '../../../../harness/engines/k6/k6-options.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';
import { exportChecked } from '../../../helpers/k6/check-k6-script.js';
import { k6OptionProblems } from '../../../helpers/k6/k6-option-rules.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/scenarios');
const examples = join(import.meta.dirname, '../../../../examples');

/** Fixtures that are not valid scenarios at all (the loader's own tests use them). */
const NOT_SCENARIOS = new Set([
  'bad-duration.ts',
  'every-level.ts',
  'invalid-fields.ts',
  'misspelled-import.ts',
  'no-default.ts',
  'refused-before-load.ts',
  'syntax-error.ts',
]);
/** Fixtures k6 cannot run: the export must refuse them, naming why. */
const REFUSED: Record<string, RegExp> = {
  'k6-node-import.ts': /'node:fs', a Node\.js module that k6 cannot run/,
  'k6-node-global.ts': /uses `TextDecoder`, `process`, which k6 does not have/,
  'k6-feeder.ts': /feeders \(csvFeeder, jsonFeeder, Feeder\) read files through Node\.js/,
};

const scenarioFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !NOT_SCENARIOS.has(f))
    .sort();

describe('every scenario the test suite has, exported for k6', { timeout: 30_000 }, () => {
  it.each(scenarioFiles(fixtures).filter((f) => !(f in REFUSED)))(
    '%s: k6 v1.x would load it and accept its options',
    async (file) => {
      const { inspected } = await exportChecked(join(fixtures, file));
      expect(inspected.problems).toEqual([]);
      expect(inspected.exportedFunctions.has('default')).toBe(true);
    },
  );

  it.each(Object.entries(REFUSED))('%s: refused at export, naming why', async (file, why) => {
    const e = await exportChecked(join(fixtures, file)).catch((err: unknown) => err);
    expect(LoadrigError.is(e)).toBe(true);
    expect((e as LoadrigError).code).toBe('E_K6_SCRIPT');
    expect((e as LoadrigError).message).toMatch(why);
  });

  it.each(scenarioFiles(examples))(
    'example %s: its exported script and its options',
    async (file) => {
      const { inspected } = await exportChecked(join(examples, file));
      expect(inspected.problems).toEqual([]);
      // The options alone, as k6Options builds them, through the model too.
      const scenario = await loadScenario(join(examples, file));
      const exported = new Set([
        'default',
        ...flowExportNames(Object.keys(scenario.flows)).values(),
      ]);
      expect(
        k6OptionProblems(k6Options(scenario), {
          customMetrics: inspected.customMetrics,
          exportedFunctions: exported,
        }),
      ).toEqual([]);
    },
  );
});
