import * as hdr from 'hdr-histogram-js';
import { HistogramDecodeError } from '../errors.js';

export type Histogram = hdr.Histogram;

/** Values are stored ×1000 so millisecond latencies keep microsecond resolution. */
export const HIST_SCALE = 1000;
const HIGHEST_TRACKABLE = 24 * 3600 * 1000 * HIST_SCALE;

/**
 * Auto-resizing: a histogram only spans the values it has seen, so a second of 20 ms
 * latencies decodes and merges ~2.5× faster than one sized for a day up front.
 */
export function newHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

export function recordValue(h: Histogram, value: number): void {
  const scaled = Math.round(value * HIST_SCALE);
  h.recordValue(Math.min(Math.max(scaled, 0), HIGHEST_TRACKABLE));
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  try {
    return hdr.decodeFromCompressedBase64(encoded, 64, false);
  } catch (e) {
    throw new HistogramDecodeError((e as Error).message, { cause: e });
  }
}

/** Merges encoded histograms exactly (same bucket layout) into a fresh histogram. */
export function mergeEncoded(encoded: Iterable<string>): Histogram {
  const merged = newHistogram();
  for (const e of encoded) merged.add(decodeHistogram(e));
  return merged;
}

/** Percentile in the metric's own unit (HDR precision: 3 significant digits). */
export function percentile(h: Histogram, p: number): number {
  return h.totalCount === 0 ? 0 : h.getValueAtPercentile(p) / HIST_SCALE;
}
