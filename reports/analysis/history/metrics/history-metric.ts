import type { SteadyWindow } from '../steady-window.js';

/** The unit a history metric is charted in. */
export type HistoryUnit = 'ms' | 'reqPerSec' | 'ratio' | 'msPerRequest' | 'mbPerMin';

/**
 * One figure tracked across runs. `better` says which way is a regression: a shift the other
 * way is reported as an improvement and never fails the history.
 */
export interface HistoryMetric {
  label: string;
  unit: HistoryUnit;
  better: 'lower' | 'higher';
  /**
   * The run's values: undefined as the key for the whole run, an endpoint label for one
   * endpoint. A figure that cannot be measured in this run is absent, never guessed.
   */
  figures(window: SteadyWindow): Map<string | undefined, number>;
}
