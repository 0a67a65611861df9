/**
 * A figure of a run is one history metric, optionally for one endpoint: `latency.p99` or
 * `latency.p99[GET /api/orders]`. The key is what digest.json, history.json and the InfluxDB
 * run points store.
 */
export interface FigureRef {
  metric: string;
  /** `METHOD name` of an endpoint, or undefined for the whole run. */
  endpoint?: string;
}

export function figureKey(ref: FigureRef): string {
  return ref.endpoint === undefined ? ref.metric : `${ref.metric}[${ref.endpoint}]`;
}

/** The metric id is everything before the first `[`; an endpoint name may hold brackets. */
export function parseFigureKey(key: string): FigureRef {
  const open = key.indexOf('[');
  if (open < 0 || !key.endsWith(']')) return { metric: key };
  return { metric: key.slice(0, open), endpoint: key.slice(open + 1, -1) };
}
