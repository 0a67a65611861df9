import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { GenericContainer } from 'testcontainers';
import type { ImageSource } from '../../../targets/container-target.js';
import { TargetError } from '../../../core/errors.js';
import { dockerClient } from './docker-client.js';

const PULL_TIMEOUT_MS = 120_000;
const LOCAL_IMAGES_HINT =
  'build it here (infra/images/build.sh builds loadrig/node, loadrig/sample-api, loadrig/postgres, loadrig/redis, loadrig/nginx), or `docker pull` it where a registry is reachable';

async function existsLocally(image: string): Promise<boolean> {
  try {
    await dockerClient().getImage(image).inspect();
    return true;
  } catch {
    return false;
  }
}

async function pull(image: string): Promise<void> {
  const docker = dockerClient();
  const stream = await docker.pull(image);
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () =>
        fail(
          new TargetError(
            'E_IMAGE_NOT_FOUND',
            `pulling image ${image} gave no result within ${PULL_TIMEOUT_MS} ms`,
          ),
        ),
      PULL_TIMEOUT_MS,
    );
    docker.modem.followProgress(stream, (err: Error | null) => {
      clearTimeout(timer);
      if (err) fail(err);
      else done();
    });
  });
}

/** The image is on this machine afterwards (pulled if a registry has it), or a clear error. */
export async function ensureImage(image: string, service: string): Promise<string> {
  if (await existsLocally(image)) return image;
  try {
    await pull(image);
    return image;
  } catch (err) {
    const reason = ((err as Error).message ?? String(err)).split('\n')[0];
    throw new TargetError(
      'E_IMAGE_NOT_FOUND',
      `image "${image}" of "${service}" is not on this machine and could not be pulled: ${reason}`,
      LOCAL_IMAGES_HINT,
      { cause: err },
    );
  }
}

/** Builds `build` sources (tagged loadrig-build/<name>); returns the image to run. */
export async function imageFor(source: ImageSource, service: string): Promise<string> {
  if (source.kind === 'image') return ensureImage(source.image, service);
  const context = resolve(source.context);
  if (!existsSync(resolve(context, source.dockerfile))) {
    throw new TargetError(
      'E_TARGET_START',
      `target "${service}": no Dockerfile ${resolve(context, source.dockerfile)}`,
      'build.context is resolved from the directory loadrig runs in; build.dockerfile from the context',
    );
  }
  const tag = `loadrig-build/${service.toLowerCase()}:latest`;
  try {
    await GenericContainer.fromDockerfile(context, source.dockerfile).build(tag, {
      deleteOnExit: false,
    });
    return tag;
  } catch (err) {
    throw new TargetError(
      'E_TARGET_START',
      `target "${service}": building ${resolve(context, source.dockerfile)} failed: ${(err as Error).message}`,
      'run `docker build` on that context by hand to see the whole output',
      { cause: err },
    );
  }
}
