/**
 * Per-second series for the report's zoom, small enough to embed for a day: each value as an
 * integer count of `step`, where `step` gives `digits` significant digits at the series' largest
 * magnitude (a 180 MB RSS becomes 1800 × 100 kB). JSON of small integers is a third of the
 * size of the floats, and a chart cannot show the difference.
 */
export interface Quantized {
  step: number;
  q: (number | null)[];
}

export function quantize(values: readonly (number | null)[], digits = 4): Quantized {
  let largest = 0;
  for (const v of values)
    if (v !== null && Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  const step = largest === 0 ? 1 : 10 ** (Math.floor(Math.log10(largest)) + 1 - digits);
  return {
    step,
    q: values.map((v) => (v === null || !Number.isFinite(v) ? null : Math.round(v / step))),
  };
}
