import Docker from 'dockerode';
import { TargetError } from '../../../core/errors.js';

let client: Docker | undefined;

/** One dockerode client per process, speaking to DOCKER_HOST or the default socket. */
export function dockerClient(): Docker {
  client ??= new Docker();
  return client;
}

/**
 * testcontainers' defaults do not fit a machine with no registry and no bridge network: its
 * reaper image cannot be pulled (loadrig cleans up by label instead) and it cannot find the
 * host otherwise. A user's own settings win.
 */
export function configureTestcontainers(): void {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  process.env['TESTCONTAINERS_HOST_OVERRIDE'] ??= '127.0.0.1';
}

const PING_TIMEOUT_MS = 5_000;

/** Fails with a clear error when the Docker daemon does not answer. */
export async function assertDockerAvailable(docker = dockerClient()): Promise<void> {
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_, reject) =>
        setTimeout(
          () =>
            reject(
              new TargetError(
                'E_DOCKER_UNAVAILABLE',
                `the Docker engine gave no answer within ${PING_TIMEOUT_MS} ms`,
              ),
            ),
          PING_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
  } catch (err) {
    const where = process.env['DOCKER_HOST'] ?? '/var/run/docker.sock';
    throw new TargetError(
      'E_DOCKER_UNAVAILABLE',
      `the Docker daemon at ${where} is not reachable: ${(err as Error).message}`,
      'start it (`dockerd &`, or `dockerd --iptables=false --bridge=none &` on a machine without a bridge) or set DOCKER_HOST',
      { cause: err },
    );
  }
}

/** Whether a Docker daemon answers (for tests and `loadrig ps`). */
export async function dockerAvailable(): Promise<boolean> {
  try {
    await assertDockerAvailable();
    return true;
  } catch {
    return false;
  }
}
