import type { z } from 'zod';
import type { ErrorIssue } from '../errors.js';

type Segment = PropertyKey;

/**
 * A path as loadrig prints it: `profile.stages.0.vus`; under `thresholds` the metric selector is
 * quoted, since it holds dots and braces: `thresholds["http_req_duration{name:a}"][0].window`.
 */
export function formatPath(segments: readonly Segment[]): string {
  const [first, second, ...rest] = segments.map((s) => (typeof s === 'symbol' ? s.toString() : s));
  if (first === undefined) return '(root)';
  if (first === 'thresholds' && second !== undefined) {
    return `thresholds[${JSON.stringify(String(second))}]${rest.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
  }
  return [first, second, ...rest]
    .filter((s) => s !== undefined)
    .map(String)
    .join('.');
}

/** `prefix.path`, or the path alone (with `(root)` dropped) under an empty prefix. */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '(root)' || path === '' ? prefix : `${prefix}.${path}`;
}

/** A required field that is absent reads better as "missing" than as "received undefined". */
const missingIsNamed: z.core.$ZodErrorMap = (issue) => {
  if (issue.input !== undefined) return undefined;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    return issue.code === 'invalid_type' ? `missing; expected ${issue.expected}` : 'missing';
  }
  return undefined;
};

/** A union branch that failed on the value's type itself, not on anything inside it. */
function wrongType(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        (i.code === 'invalid_union' && i.errors.every((b) => wrongType(b)))),
  );
}

/** The types a union accepts, from its branches' type issues (nested unions included). */
function expectedTypes(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => {
    if (i.code === 'invalid_type') return [i.expected];
    if (i.code === 'invalid_union') return i.errors.flatMap((branch) => expectedTypes(branch));
    return [];
  });
}

/**
 * zod's issues as loadrig's, each at its full path. A value that matches no branch of a union
 * reports the branch whose type it has, with the fewest problems (a typo in an object form is
 * named rather than "expected string"); when its type fits no branch, the types that would.
 */
export function toIssues(
  issues: readonly z.core.$ZodIssue[],
  base: readonly Segment[] = [],
): ErrorIssue[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message !== 'missing') {
      const closest = issue.errors
        .filter((branch) => branch.length > 0 && !wrongType(branch))
        .sort((a, b) => a.length - b.length)[0];
      if (closest !== undefined) return toIssues(closest, path);
      const expected = [...new Set(issue.errors.flatMap((branch) => expectedTypes(branch)))];
      if (expected.length > 0) {
        return [{ path: formatPath(path), message: `expected ${expected.join(' or ')}` }];
      }
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}

export type Checked<T> = { ok: true; data: T } | { ok: false; issues: ErrorIssue[] };

/** Parses `input`, naming absent required fields "missing"; every problem, each with its path. */
export function check<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(input, { error: missingIsNamed });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, issues: toIssues(parsed.error.issues) };
}
