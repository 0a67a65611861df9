import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import type { DurationSyntaxError } from '../../scenarios/duration.js';
import { packageRoot, runningFromSource } from '../../scenarios/package-root.js';
import type { Scenario, ScenarioValidationError } from '../../scenarios/scenario.js';
import type { TargetSpecError } from '../../targets/target.js';
import { ScenarioError } from '../errors.js';

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
  try {
    exported = await jiti.import(path, { default: true });
  } catch (e) {
    const issues = validationIssues(e);
    if (issues) throw invalid(file, issues);
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
  return exported;
}

function invalid(file: string, issues: { path: string; message: string }[]): ScenarioError {
  return new ScenarioError(
    'E_SCENARIO_INVALID',
    file,
    `${file} is not a valid scenario:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    'fix the fields listed above',
  );
}

/**
 * The scenario module gets its own copy of loadrig's classes (it is loaded through jiti), so
 * errors are recognised by name and shape, not by `instanceof`.
 */
function validationIssues(e: unknown): { path: string; message: string }[] | undefined {
  if (!(e instanceof Object) || !('name' in e)) return undefined;
  const err = e as Partial<ScenarioValidationError & TargetSpecError & DurationSyntaxError>;
  switch (err.name) {
    case 'ScenarioValidationError':
    case 'TargetSpecError':
      return err.issues;
    case 'DurationSyntaxError':
      return [
        {
          path: err.field ?? 'duration',
          message: (err.message ?? '').replace(`${err.field}: `, ''),
        },
      ];
    default:
      return undefined;
  }
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
