import cluster, { type Worker } from 'node:cluster';

/**
 * Cluster mode: the primary forks `workers` processes that share the listening port (the
 * primary hands connections out round-robin), the usual way to use more than one core for one
 * Node service. The primary serves nothing; a worker that dies unasked ends the whole target,
 * so a run never measures fewer workers than it claims.
 */
export function runPrimary(workers: number, log: (line: string) => void): void {
  let stopping = false;
  let exitCode = 0;
  const alive = new Set<Worker>();
  for (let i = 0; i < workers; i++) alive.add(cluster.fork());
  log(`sample-api primary ${process.pid}: ${workers} workers`);
  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    if (!stopping) {
      log(
        `sample-api worker ${worker.process.pid} exited (code ${code}, signal ${signal}); stopping`,
      );
      stop(1);
    } else if (alive.size === 0) {
      process.exit(exitCode);
    }
  });
  const stop = (code: number): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const w of alive) w.process.kill('SIGTERM');
    if (alive.size === 0) process.exit(code);
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;
