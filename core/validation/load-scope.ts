import type { ErrorIssue } from '../errors.js';
import type { MetricKind } from '../run-dir/schema/series.js';

/**
 * What a scenario file declares while it loads, besides its default export: the custom metrics
 * it creates (so thresholds on them can be checked before any load) and the problems of
 * declarations that `scenario()` never sees (a feeder's options, a metric's name), so the loader
 * reports them with the scenario's own.
 *
 * The scope lives on globalThis because the file is loaded through jiti with its own copy of
 * loadrig's modules: a module-level variable here would be a different one in that copy. Loads
 * in one thread are sequential (the CLI and each engine worker load one file at a time).
 */
export interface LoadScope {
  /** Custom metric name → kind(s) it was declared with. */
  readonly metrics: Map<string, Set<MetricKind>>;
  readonly issues: ErrorIssue[];
}

const SCOPE = Symbol.for('loadrig.loadScope');
type Holder = { [SCOPE]?: LoadScope };

export function currentLoadScope(): LoadScope | undefined {
  return (globalThis as Holder)[SCOPE];
}

/** Runs `load` inside a fresh scope and returns what was declared, whatever `load` did. */
export async function inLoadScope<T>(
  load: () => Promise<T>,
): Promise<{ scope: LoadScope; outcome: PromiseSettledResult<T> }> {
  const holder = globalThis as Holder;
  const outer = holder[SCOPE];
  const scope: LoadScope = { metrics: new Map(), issues: [] };
  holder[SCOPE] = scope;
  try {
    return { scope, outcome: { status: 'fulfilled', value: await load() } };
  } catch (reason) {
    return { scope, outcome: { status: 'rejected', reason } };
  } finally {
    if (outer === undefined) delete holder[SCOPE];
    else holder[SCOPE] = outer;
  }
}

/**
 * A declaration's problems: kept for the loader inside a load, thrown by `fail` otherwise (a
 * declaration made in a test or at run time still fails at once).
 */
export function reportDeclarationIssues(issues: readonly ErrorIssue[], fail: () => never): void {
  if (issues.length === 0) return;
  const scope = currentLoadScope();
  if (scope === undefined) fail();
  else scope.issues.push(...issues);
}
