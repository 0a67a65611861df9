/**
 * The checks every exported k6 script goes through in the test suite, without a k6 binary:
 * its init code runs in a context holding only what k6 v1.x provides (k6-vm.ts), and the
 * `options` it exports, with the metrics it registered and the functions it exported, go through
 * the model of k6's option rules (k6-option-rules.ts). Test-only.
 */
import { bundleK6Script } from '../../../harness/engines/k6/k6-script.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { k6OptionProblems } from './k6-option-rules.js';
import { compileK6Script, initState, k6VmVu } from './k6-vm.js';
import { K6World } from './k6-world.js';

export interface InspectedK6Script {
  compiled: string;
  /** `options` as k6 reads it: the exported value, through JSON. */
  options: Record<string, unknown>;
  exportedFunctions: Set<string>;
  customMetrics: Map<string, MetricKind>;
  problems: string[];
}

/** What k6 would see when it loads `script` (the init code run once, as for VU 0). */
export async function inspectK6Script(
  script: string,
  env: Record<string, string> = {},
): Promise<InspectedK6Script> {
  const compiled = await compileK6Script(script);
  const world = new K6World();
  const vu = k6VmVu(compiled, world, initState(0, 0), env);
  const exportedFunctions = new Set(
    Object.entries(vu.exports)
      .filter(([k, v]) => typeof v === 'function' && k !== 'options')
      .map(([k]) => k),
  );
  const options = JSON.parse(JSON.stringify(vu.exports['options'] ?? {})) as Record<
    string,
    unknown
  >;
  const customMetrics = world.customMetrics();
  return {
    compiled,
    options,
    exportedFunctions,
    customMetrics,
    problems: k6OptionProblems(options, { customMetrics, exportedFunctions }),
  };
}

/** Fails, listing every problem, unless k6 v1.x would load the script and accept its options. */
export async function expectK6Accepts(
  script: string,
  env: Record<string, string> = {},
): Promise<InspectedK6Script> {
  const inspected = await inspectK6Script(script, env);
  if (inspected.problems.length > 0) {
    throw new Error(`k6 would refuse this script:\n  - ${inspected.problems.join('\n  - ')}`);
  }
  return inspected;
}

/** `loadrig export k6 <file>` as the test suite runs it: every script it produces is checked. */
export async function exportChecked(
  file: string,
): Promise<{ script: string; inspected: InspectedK6Script }> {
  const script = await bundleK6Script(file, await loadScenario(file));
  return { script, inspected: await expectK6Accepts(script, { BASE_URL: 'http://127.0.0.1:1' }) };
}
