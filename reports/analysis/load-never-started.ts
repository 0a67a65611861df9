import type { RunData } from '../../core/run-dir/run-data.js';

/**
 * A run that stopped before any load: the target did not start, the pre-flight request found
 * nothing, the flow threw in every warm-up iteration. It has no client second at all, so it
 * has no figures to judge: its outputs say why it stopped (the error's code, message and hint)
 * instead of showing thresholds with no samples and empty charts.
 */
export function loadNeverStarted(run: Pick<RunData, 'meta' | 'client'>): boolean {
  return (
    run.client.length === 0 &&
    (run.meta.status === 'error' ||
      run.meta.status === 'interrupted' ||
      run.meta.status === 'aborted')
  );
}
