import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Scenario } from '../../scenarios/scenario.js';
import { EngineError, UsageError } from '../../core/errors.js';

const IMPORTS_K6 = /\bfrom\s+['"]k6(\/[^'"]*)?['"]|\brequire\(\s*['"]k6(\/[^'"]*)?['"]\s*\)/;
const IMPORTS_LOADRIG = /\bfrom\s+['"]loadrig['"]/;

/** A plain k6 script (imports k6's modules, not loadrig): run as it is, by k6. */
export function isK6Script(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  return IMPORTS_K6.test(text) && !IMPORTS_LOADRIG.test(text);
}

/**
 * A k6 script wrapped as a scenario: k6 reads its own `options` (executors, thresholds), so the
 * profile is empty here; loadrig supplies the target, collectors, findings and report.
 */
export function k6ScriptScenario(file: string, target: string | undefined): Scenario {
  if (target === undefined) {
    throw new UsageError(
      `${file} is a k6 script and names no target`,
      'pass --target <name|url>; the target base URL reaches the script as __ENV.BASE_URL',
    );
  }
  return {
    kind: 'loadrig.scenario',
    name: basename(file).replace(/\.[cm]?[jt]s$/, ''),
    target,
    profile: { kind: 'scenarios', scenarios: {} },
    flow: () =>
      Promise.reject(new EngineError('a k6 script runs on k6 only', 'run it with --engine k6')),
    flows: {},
    thresholdsSource: {},
    thresholds: [],
    warmupMs: 0,
    gracefulStopMs: 30_000,
    env: {},
    httpTimeoutMs: 60_000,
    maxRedirects: 10,
    insecureSkipTLSVerify: false,
    noCookiesReset: false,
    detectors: {},
    k6Script: file,
  };
}
