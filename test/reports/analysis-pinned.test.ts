import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSoakFixture } from '../../bench/report-fixture.js';
import { readRun } from '../../core/run-dir/read-run.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { exactDigest, exactJson } from '../../bench/exact-json.js';
import { hostileRun } from '../fixtures/runs/hostile-run.js';
import { mixedRun } from '../fixtures/runs/mixed-run.js';
import { sampleRun } from './fixtures/sample-run.js';

/**
 * analyseRun's whole output, pinned number for number (-0, NaN and Infinity included) on runs
 * of every shape, so a faster analysis is proven to be the same analysis. The timeline is
 * pinned by digest (it is one entry per second); everything else is kept readable. A
 * deliberate change: `npx vitest run test/reports/analysis-pinned.test.ts -u`, then read the
 * diff of test/reports/pinned/ like code.
 */
function pinned(run: RunData): string {
  const { timeline, ...rest } = analyseRun(run);
  const sha256 = exactDigest(timeline);
  return exactJson({ ...rest, timeline: { seconds: timeline.t.length, sha256 } }, 1);
}

const V1_DIR = join(import.meta.dirname, '../fixtures/run-dirs/v1');

describe('analyseRun output is pinned', () => {
  it.each(readdirSync(V1_DIR).sort())('schema-1 run %s', async (id) => {
    await expect(pinned(readRun(join(V1_DIR, id)))).toMatchFileSnapshot(
      `pinned/v1-${id}.analysis.json`,
    );
  });

  it.each([
    ['sample', sampleRun],
    ['hostile', hostileRun],
    ['mixed', () => mixedRun()],
  ])('%s run', { timeout: 60_000 }, async (name, make) => {
    await expect(pinned(make())).toMatchFileSnapshot(`pinned/${name}.analysis.json`);
  });

  const soakDir = mkdtempSync(join(tmpdir(), 'loadrig-soak-pin-'));
  afterAll(() => rmSync(soakDir, { recursive: true, force: true }));

  it('four-hour soak, read from its run directory', { timeout: 120_000 }, async () => {
    writeSoakFixture(soakDir, { seconds: 4 * 3600, gapEverySec: 3_001 });
    await expect(pinned(readRun(soakDir))).toMatchFileSnapshot('pinned/soak-4h.analysis.json');
  });
});
