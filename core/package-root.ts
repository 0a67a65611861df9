import { InternalError } from './errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * loadrig's own package directory, found from this module's location so it holds both for the
 * TypeScript sources (tests) and the compiled `dist/` (the installed CLI).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'loadrig'
    ) {
      return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new InternalError(
        `loadrig's package.json was not found above ${fileURLToPath(import.meta.url)}`,
      );
    dir = parent;
  }
}

/** True when running the TypeScript sources rather than the compiled output. */
export const runningFromSource = import.meta.url.endsWith('.ts');

/** Path of a compiled module: `dist/<relative>.js` (built by `npm run build`). */
export function distPath(relative: string): string {
  return join(packageRoot(), 'dist', relative);
}
