import { createServer } from 'node:net';
import { TargetError } from '../../core/errors.js';

function listenOnce(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port the OS says is free on `host` right now (the target binds it a moment later). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return listenOnce(host, 0);
}

/**
 * Fails when something already listens on a fixed port: otherwise the health check could pass
 * against that other server while the target dies of EADDRINUSE.
 */
export async function assertPortFree(name: string, host: string, port: number): Promise<void> {
  try {
    await listenOnce(host, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TargetError(
      'E_TARGET_START',
      `target "${name}" cannot use port ${port} on ${host}: ${code === 'EADDRINUSE' ? 'it is already in use' : code}`,
      'stop whatever listens there, pick another port, or use port 0 to let loadrig choose a free one',
      { cause: err },
    );
  }
}
