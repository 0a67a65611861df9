/** Where server metrics can be read from; providers announce them, collectors read them. */
export type MetricSource =
  | { kind: 'process'; pid: number; label: string }
  /** loadrig's Node agent, preloaded into the target, reporting on this Unix socket. */
  | { kind: 'node-agent'; socketPath: string; label: string }
  /** A Prometheus text endpoint (full URL), e.g. prom-client's `/metrics`. */
  | { kind: 'prometheus'; url: string; label: string }
  | { kind: 'postgres'; connectionString: string; label: string }
  | { kind: 'redis'; url: string; label: string }
  /** A container's Docker stats: CPU against its quota, throttling, memory against its limit. */
  | { kind: 'docker'; containerId: string; label: string; cpus?: number; memoryLimitBytes?: number }
  /** nginx's access log of a replicas' load balancer: requests per upstream, named by replica. */
  | { kind: 'upstream-log'; file: string; label: string; upstreams: Record<string, string> };
