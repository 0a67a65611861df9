import type { HistoryUnit } from '../../analysis/history/metrics/index.js';
import type { HistoryChangePoint } from '../../analysis/history/metric-history.js';
import { formatMs, formatTimestamp, trimFixed } from '../format.js';

/** A history figure in its unit: `45.2ms`, `912.4/s`, `0.21%`, `0.85 ms/req`, `1.2 MB/min`. */
export function formatFigure(unit: HistoryUnit, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'reqPerSec':
      return `${trimFixed(value, 1)}/s`;
    case 'ratio':
      return `${trimFixed(value * 100, 2)}%`;
    case 'msPerRequest':
      return `${trimFixed(value, 3)} ms/req`;
    case 'mbPerMin':
      return `${trimFixed(value, 2)} MB/min`;
  }
}

/** `+15.2%`, `−8.0%`; `new` when the level before was 0. */
export function formatChange(c: Pick<HistoryChangePoint, 'changePercent'>): string {
  if (c.changePercent === null) return 'from 0';
  const sign = c.changePercent > 0 ? '+' : c.changePercent < 0 ? '−' : '±';
  return `${sign}${Math.abs(c.changePercent).toFixed(1)}%`;
}

/** The first 7 characters of a commit, as git shows it; `-` without one. */
export function shortCommit(commit: string | null): string {
  return commit === null ? '-' : commit.slice(0, 7);
}

/** `2026-01-26 02:00 UTC`. */
export function shortDate(iso: string): string {
  return formatTimestamp(iso).replace(/:\d\d UTC$/, ' UTC');
}

/** p-values as 3 significant digits, tiny ones as `< 1e-12`. */
export function formatP(p: number): string {
  if (p < 1e-12) return '< 1e-12';
  return p < 0.001 ? p.toExponential(2) : trimFixed(p, 4);
}

export function branchName(branch: string | null): string {
  return branch ?? '(no git)';
}
