import { TargetSpecError, type ErrorIssue } from '../core/errors.js';
import { underPath } from '../core/validation/carried-problems.js';

/**
 * How target(), postgres() and redis() fail when called on their own (outside a scenario file
 * being loaded): one TargetSpecError with every issue under `prefix` (`target.replicas`).
 */
export function throwSpecError(prefix: string) {
  return (issues: readonly ErrorIssue[]): never => {
    throw new TargetSpecError(underPath(prefix, issues));
  };
}
