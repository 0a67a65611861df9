/** Where server metrics can be read from; providers announce them, collectors read them. */
export type MetricSource = { kind: 'process'; pid: number; label: string };
