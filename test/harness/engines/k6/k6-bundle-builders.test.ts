import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleK6Script } from '../../../../harness/engines/k6/k6-script.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';

const fixture = join(import.meta.dirname, '../../../fixtures/scenarios/k6-flow.ts');

describe('a scenario bundled for k6', () => {
  it('carries the profile builders without their option checking (no zod: the loader checked the file)', async () => {
    const script = await bundleK6Script(fixture, await loadScenario(fixture));
    expect(script).toContain('function ramp(');
    expect(script).not.toMatch(/zod|ZodError|strictObject|invalidBuilt/);
    // A few kB of flow, runtime and builders; zod alone would add hundreds.
    expect(script.length).toBeLessThan(40_000);
  }, 30_000);
});
