import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../../harness/lifecycle/run-scenario.js';
import { bundleK6Script } from '../../../../harness/engines/k6/k6-script.js';
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

// The same scripts the model checks (k6-exports.test.ts), now checked by k6 itself: `k6 inspect
// --execution-requirements` runs the init code, then validates the executors, the exec names and
// the thresholds against the metrics registered, as `k6 run` does before the test.
describe.skipIf(!k6)('every exported fixture, inspected by real k6', () => {
  it.each(['k6-flow.ts', 'k6-named-flows.ts', 'k6-process-env.ts', 'parity.ts', 'delay-20ms.ts'])(
    '%s: k6 accepts its options',
    async (name) => {
      const file = join(import.meta.dirname, '../../../fixtures/scenarios', name);
      const script = join(mkdtempSync(join(tmpdir(), 'loadrig-k6-inspect-')), 'script.js');
      writeFileSync(script, await bundleK6Script(file, await loadScenario(file)));
      const out = execFileSync(k6 as string, ['inspect', '--execution-requirements', script], {
        env: { ...process.env, BASE_URL: 'http://127.0.0.1:1' },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toHaveProperty('scenarios');
    },
  );
});
