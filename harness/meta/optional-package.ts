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

/** Those of `packages` that cannot be resolved from loadrig (nor from the project above it). */
export function unresolvable(packages: readonly OptionalPackage[]): OptionalPackage[] {
  return packages.filter((name) => {
    try {
      import.meta.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Imports a module that (directly or not) needs optional packages, for `feature` ("container
 * target "api""). `needs` are checked first, so one error names every package to install; any
 * other missing one becomes a PackageMissingError naming it.
 */
export async function importNeeding<T>(
  feature: string,
  load: () => Promise<T>,
  needs: readonly OptionalPackage[] = [],
): Promise<T> {
  const missing = unresolvable(needs);
  if (missing.length > 0) throw new PackageMissingError(missing, feature);
  try {
    return await load();
  } catch (e) {
    const missing = missingPackageOf(e);
    if (missing !== undefined) throw new PackageMissingError(missing, feature, e);
    throw e;
  }
}
