/**
 * k6's executor names, without the schema: scripts bundled for k6 import the executor builders,
 * and must not carry the schema library along.
 */
export const EXECUTOR_NAMES = [
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'per-vu-iterations',
  'shared-iterations',
] as const;

export type ExecutorName = (typeof EXECUTOR_NAMES)[number];

/** Arrival-rate executors schedule iterations independent of responses (the open model). */
export function isOpenExecutor(e: { executor: ExecutorName }): boolean {
  return e.executor === 'constant-arrival-rate' || e.executor === 'ramping-arrival-rate';
}
