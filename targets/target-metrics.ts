/** Server metrics beyond the process: see README "Server metrics". */
export interface TargetMetrics {
  /** Preload loadrig's Node agent (default: when the command starts node, npm, npx, ...). */
  agent?: boolean;
  /** Path of a Prometheus text endpoint on the target, e.g. `/metrics`. */
  prometheus?: string;
  /** Connection URLs of dependencies to sample (pg_stat_activity, Redis INFO). */
  postgres?: string;
  redis?: string;
}
