import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { packageRoot, runningFromSource } from '../../core/package-root.js';
import type { Scenario } from '../../scenarios/scenario.js';
import {
  LoadrigError,
  ScenarioError,
  type ErrorIssue,
  type ScenarioValidationError,
} from '../../core/errors.js';
import { inLoadScope } from '../../core/validation/load-scope.js';
import { detectorIssues } from './detector-issues.js';
import { unknownLoadrigImports } from './loadrig-imports.js';
import { thresholdMetricIssues } from './threshold-metrics.js';

export interface LoadOptions {
  /**
   * The engine that will run the scenario: thresholds on metrics only another engine records
   * are refused. Absent, a metric any engine records is accepted.
   */
  engine?: string;
}

/**
 * Loads a TypeScript (or JavaScript) scenario file at run time. Its `import ... from 'loadrig'`
 * resolves to this loadrig, wherever the file lives, so a scenario outside any project works too.
 *
 * Everything wrong with the file is reported in one error, before anything starts: names it
 * imports that loadrig does not export, the scenario's fields (unknown keys included), the
 * problems of what the file declares besides (feeders, custom metrics), detector overrides, and
 * thresholds on metrics the run cannot record.
 */
export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<Scenario> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new ScenarioError(
      'E_SCENARIO_NOT_FOUND',
      file,
      `scenario file ${file} does not exist`,
      'check the path; examples live in examples/',
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
  const imports = await unknownLoadrigImports(path);
  const { scope, outcome } = await inLoadScope(() => jiti.import(path, { default: true }));
  const declared = [...imports, ...scope.issues];
  if (outcome.status === 'rejected') {
    const e: unknown = outcome.reason;
    const issues = validationIssues(e);
    if (issues) {
      const deferred = (e as Partial<ScenarioValidationError>).deferred;
      throw invalid(file, [
        ...declared,
        ...issues,
        ...detectorIssues(deferred?.detectors),
        ...thresholdMetricIssues(deferred?.thresholds, scope.metrics, opts.engine),
      ]);
    }
    const message = e instanceof Error ? e.message : String(e);
    // A missing import loads as undefined: what failed then is most likely its use.
    if (declared.length > 0) {
      throw invalid(file, [...declared, { path: '(loading stopped)', message }]);
    }
    throw new ScenarioError(
      'E_SCENARIO_LOAD',
      file,
      `scenario file ${file} failed to load: ${message}`,
      'fix the error above; the file must default-export scenario({ ... })',
      { cause: e },
    );
  }
  const exported = outcome.value;
  if (!isScenario(exported)) {
    if (declared.length > 0) throw invalid(file, declared);
    throw new ScenarioError(
      'E_SCENARIO_INVALID',
      file,
      `${file}: the default export is ${describe(exported)}, not a scenario`,
      "write `export default scenario({ name, target, profile, flow, thresholds })` with scenario imported from 'loadrig'",
    );
  }
  const problems = [
    ...declared,
    ...detectorIssues(exported.detectors),
    ...(exported.k6Script === undefined
      ? thresholdMetricIssues(exported.thresholdsSource, scope.metrics, opts.engine)
      : []),
  ];
  if (problems.length > 0) throw invalid(file, problems);
  return exported;
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
