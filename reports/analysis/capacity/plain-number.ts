/** A rate or latency for a sentence: whole numbers from 100 up, three significant digits below. */
export function plainNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '–';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(3)).toString();
}

/** `0.3` → `30 %` */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))} %`;
}

/** `1 VU`, `8 VUs` (closed model) or `120/s` (open model): how a step's load reads. */
export function loadLabel(model: 'closed' | 'open', level: number): string {
  return model === 'closed'
    ? `${plainNumber(level)} VU${level === 1 ? '' : 's'}`
    : `${plainNumber(level)}/s`;
}
