import { PackageMissingError } from '../../core/errors.js';

/**
 * The clients of Docker, Postgres and Redis are optional peer dependencies: a user who only
 * tests a local process does not install them. Modules that need them are imported when a
 * scenario does; a missing one becomes an error naming the package to install.
 */
export const OPTIONAL_PACKAGES = ['dockerode', 'testcontainers', 'pg', 'ioredis'] as const;
export type OptionalPackage = (typeof OPTIONAL_PACKAGES)[number];

/** The package whose absence made an import fail (ERR_MODULE_NOT_FOUND), if it is one of ours. */
export function missingPackageOf(e: unknown): OptionalPackage | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'MODULE_NOT_FOUND') return undefined;
  const named = /Cannot find (?:package|module) '([^']+)'/.exec(err.message)?.[1];
  return OPTIONAL_PACKAGES.find((p) => named === p || named?.startsWith(`${p}/`));
}

/**
 * Imports a module that (directly or not) needs optional packages, for `feature` ("a container
 * target"); a missing package becomes a PackageMissingError naming it.
 */
export async function importNeeding<T>(feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const missing = missingPackageOf(e);
    if (missing !== undefined) throw new PackageMissingError(missing, feature, e);
    throw e;
  }
}
