import { z } from 'zod';

/**
 * The per-second data of a run: client.ndjson holds one ClientBucket per line, server.ndjson
 * one ServerSample per line. A series is one metric under one tag set in one second.
 */
export const tagsSchema = z.record(z.string(), z.string());
export const metricKindSchema = z.enum(['trend', 'counter', 'rate', 'gauge']);

/** Latency-like values. `hist` is an HDR histogram of value×1000 (µs for ms metrics), base64. */
export const trendSeriesSchema = z.object({
  kind: z.literal('trend'),
  tags: tagsSchema,
  count: z.number().int().nonnegative(),
  sum: z.number(),
  min: z.number(),
  max: z.number(),
  // The cookie of a compressed HdrHistogram (V2) reads "HIST" in base64: a cheap first check.
  hist: z.string().startsWith('HIST', 'expected a base64 HdrHistogram, which begins with "HIST"'),
});
export const counterSeriesSchema = z.object({
  kind: z.literal('counter'),
  tags: tagsSchema,
  value: z.number(),
});
export const rateSeriesSchema = z.object({
  kind: z.literal('rate'),
  tags: tagsSchema,
  passes: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export const gaugeSeriesSchema = z.object({
  kind: z.literal('gauge'),
  tags: tagsSchema,
  value: z.number(),
  min: z.number(),
  max: z.number(),
});
export const metricSeriesSchema = z.discriminatedUnion('kind', [
  trendSeriesSchema,
  counterSeriesSchema,
  rateSeriesSchema,
  gaugeSeriesSchema,
]);

/** Percentiles of all of a trend metric's series in one second, merged, in the metric's unit. */
export const trendPercentilesSchema = z.object({
  count: z.number().int().nonnegative(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});

/**
 * The last second a run file may name: 9999-12-31T23:59:59Z. Bucket times are whole unix
 * seconds; past 2^53 a number cannot even count up by one (t + 1 === t), so a damaged time
 * there would stall every loop over a run's seconds.
 */
export const MAX_UNIX_SECOND = 253_402_300_799;
/** A bucket time as the run files hold it: a whole unix second, 0 to MAX_UNIX_SECOND. */
export const isUnixSecond = (t: unknown): t is number =>
  Number.isInteger(t) && (t as number) >= 0 && (t as number) <= MAX_UNIX_SECOND;
const unixSecondSchema = z.number().int().min(0).max(MAX_UNIX_SECOND);

/** One line of client.ndjson: everything the engine recorded in one wall-clock second. */
export const clientBucketSchema = z.object({
  /** Unix time of the second's start, in seconds. */
  t: unixSecondSchema,
  /**
   * The most virtual users busy at once during the second (older runs: at its end). VUs
   * allocated but idle (an open model's pool) are the `vus_max` gauge among the metrics.
   */
  vus: z.number().nonnegative(),
  metrics: z.record(z.string(), z.array(metricSeriesSchema)),
  /**
   * Optional, by trend metric: the second's percentiles over every tag set, written by the
   * aggregator so a long run's timeline needs no histogram decoding. Readers fall back to
   * merging the histograms when it is absent.
   */
  percentiles: z.record(z.string(), trendPercentilesSchema).optional(),
});

/** One line of server.ndjson: every server series sampled in one second. */
export const serverSampleSchema = z.object({
  t: unixSecondSchema,
  values: z.record(z.string(), z.number()),
});

export type Tags = Readonly<Record<string, string>>;
export type MetricKind = z.infer<typeof metricKindSchema>;
export type TrendSeries = z.infer<typeof trendSeriesSchema>;
export type CounterSeries = z.infer<typeof counterSeriesSchema>;
export type RateSeries = z.infer<typeof rateSeriesSchema>;
export type GaugeSeries = z.infer<typeof gaugeSeriesSchema>;
export type MetricSeries = z.infer<typeof metricSeriesSchema>;
export type TrendPercentiles = z.infer<typeof trendPercentilesSchema>;
export type ClientBucket = z.infer<typeof clientBucketSchema>;
export type ServerSample = z.infer<typeof serverSampleSchema>;
