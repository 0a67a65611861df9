import type { MetricUnit } from '../../analysis/compare/compare-metrics.js';
import type { MetricComparison, MetricVerdict } from '../../analysis/compare/comparison.js';
import { formatBytes, formatMs, trimFixed } from '../format.js';

/** One row of a comparison, every cell as text: what the console, Markdown and HTML show. */
export interface CompareCells {
  group: string;
  metric: string;
  base: string;
  candidate: string;
  change: string;
  interval: string;
  p: string;
  verdict: MetricVerdict;
  judged: boolean;
  note: string;
}

export const VERDICT_SYMBOL: Record<MetricVerdict, string> = {
  regression: '✗',
  improvement: '✓',
  unchanged: '=',
  inconclusive: '?',
};

/** A figure in its unit: `21.3ms`, `412.5/s`, `0.12%`, `0.84 ms/req`, `1.2 MB/min`, `3.1 ms/s`. */
export function formatValue(unit: MetricUnit, v: number): string {
  if (!Number.isFinite(v)) return '-';
  switch (unit) {
    case 'ms':
      return formatMs(v);
    case 'reqPerSec':
      return `${trimFixed(v, 1)}/s`;
    case 'ratio':
      return `${trimFixed(v * 100, 2)}%`;
    case 'cpuMsPerRequest':
      return `${trimFixed(v, 3)} ms/req`;
    case 'bytesPerMin':
      return `${v < 0 ? '-' : ''}${formatBytes(Math.abs(v))}/min`;
    case 'msPerSec':
      return `${trimFixed(v, 2)} ms/s`;
  }
}

/** A signed change: relative to the base when it has one, else in the unit. */
export function formatChange(m: Pick<MetricComparison, 'unit' | 'base'>, change: number): string {
  if (!Number.isFinite(change)) return '-';
  if (m.base !== 0 && Number.isFinite(m.base)) {
    const pct = (change / Math.abs(m.base)) * 100;
    return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${trimFixed(Math.abs(pct), 2)}%`;
  }
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  return `${sign}${formatValue(m.unit, Math.abs(change))}`;
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '-';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export function metricName(m: MetricComparison): string {
  if (m.endpoint)
    return `${m.endpoint.method} ${m.endpoint.name} ${m.label.replace(/^latency /, '')}`.trim();
  return m.label;
}

export function groupOf(m: MetricComparison): string {
  if (m.endpoint) return `${m.endpoint.method} ${m.endpoint.name}`.trim();
  return m.server ? 'server' : 'all requests';
}

export function compareCells(m: MetricComparison): CompareCells {
  const interval =
    Number.isFinite(m.low) && Number.isFinite(m.high)
      ? `[${formatChange(m, m.low)}, ${formatChange(m, m.high)}]`
      : '-';
  return {
    group: groupOf(m),
    metric: m.label,
    base: formatValue(m.unit, m.base),
    candidate: formatValue(m.unit, m.candidate),
    change: formatChange(m, m.change),
    interval,
    // An unjudged metric has no Holm-adjusted p: its raw p, in brackets, is for reference.
    p: m.judged ? formatP(m.pAdjusted) : Number.isFinite(m.p) ? `(${formatP(m.p)})` : '-',
    verdict: m.verdict,
    judged: m.judged,
    note: m.note ?? '',
  };
}
