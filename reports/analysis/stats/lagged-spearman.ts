import { laggedCorrelation } from './lagged-correlation.js';
import { rankSeries, type Grid } from './ranked-series.js';

export { valueOrder } from './ranked-series.js';

/**
 * Spearman's rho of x at second i against y at second i + lag, over the seconds where both are
 * present: exactly Pearson of the midranks of those pairs. Analysis ranks each series once and
 * calls laggedCorrelation for every lag; this is the one-lag form, given each series'
 * valueOrder.
 */
export function laggedSpearman(
  x: Grid,
  y: Grid,
  lag: number,
  xOrder: Uint32Array,
  yOrder: Uint32Array,
): number {
  return laggedCorrelation(rankSeries(x, xOrder), rankSeries(y, yOrder), lag).spearman;
}
