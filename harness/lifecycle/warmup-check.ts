import { FlowError } from '../../core/errors.js';
import type { EngineResult } from '../engines/engine.js';

/**
 * Refuses to load the target with a flow that fails by itself: when every warm-up iteration
 * threw, the load would only count exceptions. The error names the most frequent message and
 * where it was thrown.
 */
export function checkWarmup(result: EngineResult): void {
  const errors = Object.entries(result.flowErrors);
  const thrown = errors.reduce((n, [, count]) => n + count, 0);
  if (result.iterations === 0 || thrown < result.iterations) return;
  const [message, count] = errors.reduce((a, b) => (b[1] > a[1] ? b : a));
  const location = result.flowErrorSites?.[message]?.location;
  const others = errors.length > 1 ? `; ${errors.length - 1} other message(s) too` : '';
  throw new FlowError(
    `every warm-up iteration threw (${result.iterations} of ${result.iterations}), so the load was not started: ${message}${location ? ` (at ${location})` : ''}, ${count} time(s)${others}`,
    'fix the flow and run again; the warm-up sends its requests unrecorded, so the error is in the flow, not under load',
  );
}
