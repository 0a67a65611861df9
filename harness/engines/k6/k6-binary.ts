import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LoadrigError } from '../../../core/errors.js';

/** Finds k6: `K6_BINARY` first, then `k6` on PATH. */
export function findK6(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['K6_BINARY'];
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new LoadrigError(
      'E_K6_NOT_FOUND',
      `K6_BINARY is set to ${explicit}, which is not an executable file`,
      'point K6_BINARY at the k6 binary, or unset it to use k6 from PATH',
    );
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'k6'))) return join(dir, 'k6');
  }
  throw new LoadrigError(
    'E_K6_NOT_FOUND',
    'k6 was not found: K6_BINARY is not set and there is no k6 on PATH',
    'install k6 and put it on PATH or set K6_BINARY; or run with --engine builtin',
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
