import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { packageRoot, runningFromSource } from '../../core/package-root.js';
import type { DetectorOverrides, Scenario } from '../../scenarios/scenario.js';
import { resetMetricDeclarations } from '../../scenarios/metrics.js';
import { unknownDetectorOverrides } from '../../reports/analysis/detectors/index.js';
import {
  LoadrigError,
  ScenarioError,
  type ErrorIssue,
  type ScenarioValidationError,
} from '../../core/errors.js';

/**
 * Loads a TypeScript (or JavaScript) scenario file at run time. Its `import ... from 'loadrig'`
 * resolves to this loadrig, wherever the file lives, so a scenario outside any project works too.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new ScenarioError(
      'E_SCENARIO_NOT_FOUND',
      file,
      `scenario file ${file} does not exist`,
      'check the path; examples live in scenarios/examples/',
    );
  }
  const entry = runningFromSource
    ? join(packageRoot(), 'index.ts')
    : join(packageRoot(), 'dist', 'index.js');
  const jiti = createJiti(import.meta.url, {
    alias: { loadrig: entry },
    moduleCache: false,
    fsCache: false,
  });
  let exported: unknown;
  // Custom metric names are checked within this file, not against one loaded before it.
  resetMetricDeclarations();
  try {
    exported = await jiti.import(path, { default: true });
  } catch (e) {
    const issues = validationIssues(e);
    if (issues) {
      const deferred = (e as Partial<ScenarioValidationError>).deferred?.detectors;
      throw invalid(file, [...issues, ...detectorIssues(deferred)]);
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new ScenarioError(
      'E_SCENARIO_LOAD',
      file,
      `scenario file ${file} failed to load: ${message}`,
      'fix the error above; the file must default-export scenario({ ... })',
      { cause: e },
    );
  }
  if (!isScenario(exported)) {
    throw new ScenarioError(
      'E_SCENARIO_INVALID',
      file,
      `${file}: the default export is ${describe(exported)}, not a scenario`,
      "write `export default scenario({ name, target, profile, flow, thresholds })` with scenario imported from 'loadrig'",
    );
  }
  const problems = detectorIssues(exported.detectors);
  if (problems.length > 0) throw invalid(file, problems);
  return exported;
}

/** The scenario's detector overrides checked against the detectors this loadrig has. */
function detectorIssues(overrides: unknown): ErrorIssue[] {
  if (typeof overrides !== 'object' || overrides === null) return [];
  return unknownDetectorOverrides(overrides as DetectorOverrides).map((problem) => {
    const [path = 'detectors', message = problem] = problem.split(/: (.*)/s);
    return { path, message };
  });
}

function invalid(file: string, issues: readonly ErrorIssue[]): ScenarioError {
  return new ScenarioError(
    'E_SCENARIO_INVALID',
    file,
    `${file} is not a valid scenario:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    'fix the fields listed above',
    { issues },
  );
}

/**
 * The scenario module gets its own copy of loadrig's classes (it is loaded through jiti), so
 * errors are recognised by loadrig's error brand and their listed issues, not by `instanceof`.
 */
function validationIssues(e: unknown): readonly ErrorIssue[] | undefined {
  if (!LoadrigError.is(e) || e.issues.length === 0) return undefined;
  return e.issues;
}

function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'loadrig.scenario'
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object without scenario(...)' : `a ${typeof value}`;
}
