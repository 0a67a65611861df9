/**
 * nginx in front of the replicas: least_conn balancing, a keep-alive pool to the upstreams (so
 * the balancer does not open a connection per request), and an access log that starts with the
 * upstream address, for the per-replica request counters.
 */
export function nginxConfig(opts: {
  /** `127.0.0.1:8080` (host networking) or `0.0.0.0:8080` (inside its own namespace). */
  listen: string;
  /** `host:port` of each replica. */
  upstreams: string[];
  accessLog: string;
  workers?: number;
}): string {
  const servers = opts.upstreams.map((address) => `    server ${address} max_fails=0;`).join('\n');
  return `user nobody nogroup;
worker_processes ${opts.workers ?? 'auto'};
pid /tmp/loadrig-nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  log_format upstream '$upstream_addr|$status|$upstream_response_time';
  upstream replicas {
    least_conn;
${servers}
    keepalive 128;
  }
  server {
    listen ${opts.listen} reuseport;
    access_log ${opts.accessLog} upstream buffer=64k flush=1s;
    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}
