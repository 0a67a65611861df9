/** k6's `--summary-export` file: figures per metric, and threshold verdicts. */
export interface K6SummaryExport {
  metrics: Record<string, Record<string, unknown>>;
}

export interface K6ThresholdVerdict {
  /** Metric key as k6 writes it, e.g. `http_req_duration{name:login}`. */
  metric: string;
  expression: string;
  passed: boolean;
}

/**
 * The verdicts k6 reached. Beware the file's polarity: under `thresholds`, `false` means the
 * threshold passed (the flag says "failed").
 */
export function k6ThresholdVerdicts(summary: K6SummaryExport): K6ThresholdVerdict[] {
  const out: K6ThresholdVerdict[] = [];
  for (const [metric, figures] of Object.entries(summary.metrics ?? {})) {
    const thresholds = figures['thresholds'];
    if (thresholds === null || typeof thresholds !== 'object') continue;
    for (const [expression, failed] of Object.entries(thresholds as Record<string, unknown>)) {
      out.push({ metric, expression, passed: failed === false });
    }
  }
  return out;
}

export interface VerdictComparison {
  metric: string;
  expression: string;
  loadrig: boolean | undefined;
  k6: boolean | undefined;
  agree: boolean;
}

/** Every threshold the summary lists, by metric key (tagged keys included). */
export function k6SummaryThresholds(summary: K6SummaryExport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of k6ThresholdVerdicts(summary)) (out[v.metric] ??= []).push(v.expression);
  return out;
}

/** Lines up loadrig's verdicts (over the merged data) with k6's own, by metric and expression. */
export function compareVerdicts(
  loadrig: { metric: string; expression: string; ok: boolean }[],
  k6: K6ThresholdVerdict[],
): VerdictComparison[] {
  const key = (metric: string, expression: string): string =>
    `${metric}\u0000${expression.replace(/\s+/g, '')}`;
  const rows = new Map<string, VerdictComparison>();
  for (const v of loadrig) {
    rows.set(key(v.metric, v.expression), {
      metric: v.metric,
      expression: v.expression,
      loadrig: v.ok,
      k6: undefined,
      agree: false,
    });
  }
  for (const v of k6) {
    const k = key(v.metric, v.expression);
    const row = rows.get(k) ?? {
      metric: v.metric,
      expression: v.expression,
      loadrig: undefined,
      k6: undefined,
      agree: false,
    };
    row.k6 = v.passed;
    rows.set(k, row);
  }
  for (const row of rows.values()) row.agree = row.loadrig === row.k6;
  return [...rows.values()];
}
