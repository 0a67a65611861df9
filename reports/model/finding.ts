/**
 * A red flag found in a run: what was seen, with the figures and the time range that show it,
 * the likely cause and the fix. Detectors produce them (`(RunData) -> Finding[]`); every
 * renderer lists them by severity.
 */
export type FindingSeverity = 'critical' | 'warning' | 'info';

export interface Finding {
  /** Stable id of the detector and the thing found: `latency.p99-outlier`, `memory.linear-growth`. */
  id: string;
  severity: FindingSeverity;
  /** One line: `p99 is 8.4× p95`. */
  title: string;
  evidence: {
    /** The observation in words, with its numbers. */
    text: string;
    /** Named figures behind it: `{ p95Ms: 21, p99Ms: 177 }`. */
    figures: Record<string, number>;
    /** The time range that shows it (unix seconds), when it has one. */
    fromT?: number;
    toT?: number;
  };
  /** The likely cause. */
  cause: string;
  /** What to do about it. */
  fix: string;
  /** The chart that shows it. */
  chart: FindingChart;
}

/** Charts a finding can point at; the HTML report has one anchor for each. */
export type FindingChart = 'latency' | 'throughput' | 'load' | 'server' | 'distribution';

export const SEVERITY_ORDER: Record<FindingSeverity, number> = {
  critical: 0,
  warning: 1,
  info: 2,
};

/** Most severe first; ties keep detector order (Array.prototype.sort is stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
