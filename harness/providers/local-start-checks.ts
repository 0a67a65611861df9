import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalTargetSpec } from '../../targets/target.js';
import { packageRoot } from '../../core/package-root.js';
import { TargetError } from '../../core/errors.js';

// What spawn() would only report as a bare ENOENT, checked up front so the error can say which
// thing is missing and what to do about it.

export function guardianScript(): string {
  // Compiled, it sits next to this file; from the TypeScript sources (tests) use the build.
  const path = import.meta.url.endsWith('.js')
    ? fileURLToPath(new URL('./guardian.js', import.meta.url))
    : join(packageRoot(), 'dist', 'harness', 'providers', 'guardian.js');
  if (!existsSync(path)) {
    throw new TargetError(
      'E_TARGET_START',
      `loadrig's process guardian ${path} does not exist, so no local target can be started`,
      'run `npm run build` to compile it',
    );
  }
  return path;
}

export function checkCwd(spec: LocalTargetSpec, cwd: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(cwd).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new TargetError(
      'E_TARGET_START',
      `target "${spec.name}" has cwd ${cwd}, which is not a directory`,
      "fix the target's cwd (relative paths resolve from the directory loadrig runs in)",
    );
  }
}

const NODE_BINARY = /^node(js)?\d*(\.exe)?$/;

/** `node some/script.js` whose script is missing: name the script, not "exit code 1". */
export function checkNodeScript(spec: LocalTargetSpec, cwd: string): void {
  if (typeof spec.command === 'string') return;
  const [binary, script] = spec.command;
  if (binary === undefined || script === undefined || !/\.[cm]?js$/.test(script)) return;
  if (binary !== process.execPath && !NODE_BINARY.test(basename(binary))) return;
  const path = resolve(cwd, script);
  if (existsSync(path)) return;
  const compiled = path.split(sep).includes('dist');
  throw new TargetError(
    'E_TARGET_START',
    `target "${spec.name}" runs the script ${path}, which does not exist`,
    compiled
      ? 'it is compiled output: run `npm run build` first'
      : `check the script path in the target's command (relative paths resolve from ${cwd})`,
  );
}
