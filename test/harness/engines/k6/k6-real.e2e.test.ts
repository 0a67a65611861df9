import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../../harness/lifecycle/run-scenario.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';

// Real k6, end to end: runs whenever K6_BINARY points at a k6 binary (none is installable here).
const k6 = process.env['K6_BINARY'];
if (!k6)
  process.stderr.write(
    '[loadrig tests] skipping real-k6 suite: set K6_BINARY to a k6 binary to run it\n',
  );

describe.skipIf(!k6)('a typed scenario on real k6', () => {
  it('runs against the sample API and lands in the same run directory shape', async () => {
    const file = join(import.meta.dirname, '../../../fixtures/scenarios/delay-20ms.ts');
    const outcome = await runScenario({
      scenario: await loadScenario(file),
      scenarioFile: file,
      engine: 'k6',
      outDir: mkdtempSync(join(tmpdir(), 'loadrig-k6-real-')),
      interrupt: new AbortController().signal,
      progress: {},
      cwd: process.cwd(),
    });
    const duration = outcome.analysis.summary.metrics['http_req_duration'];
    expect(duration?.kind === 'trend' && duration.count).toBeGreaterThan(100);
    expect(outcome.run.meta.engineResult?.k6Thresholds?.length).toBeGreaterThan(0);
    for (const v of outcome.run.meta.engineResult?.k6Thresholds ?? []) {
      const ours = outcome.analysis.thresholds.find(
        (t) => t.selector === v.metric && t.expression === v.expression,
      );
      expect(ours?.ok).toBe(v.passed);
    }
  });
});
