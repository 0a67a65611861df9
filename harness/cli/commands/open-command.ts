import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { LoadrigError } from '../../../core/errors.js';
import { EXIT } from '../../../core/exit-codes.js';
import { runFile } from '../../../core/run-dir/run-files.js';

export interface OpenCommandDeps {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  out: NodeJS.WritableStream;
  /** Starts the opener detached; returns false when it could not be started. */
  launch(command: string, args: string[]): boolean;
}

/**
 * Opens a run's report.html in the desktop's browser (xdg-open, open, start); where there is
 * no desktop (CI, SSH) it prints the path instead, which is still a success.
 */
export function openCommand(target: string, deps: OpenCommandDeps = defaultDeps()): number {
  const report = reportPath(target);
  const opener = findOpener(deps.env, deps.platform);
  if (opener && deps.launch(opener.command, [...opener.args, report])) {
    deps.out.write(`opened ${report} with ${opener.command}\n`);
  } else {
    deps.out.write(`report: ${report}\n(no desktop opener found: open that file in a browser)\n`);
  }
  return EXIT.ok;
}

function reportPath(target: string): string {
  const path = resolve(target);
  if (existsSync(path) && statSync(path).isFile()) return path;
  const report = runFile(path, 'report');
  if (existsSync(report)) return report;
  const hint = existsSync(runFile(path, 'meta'))
    ? `render it first with: loadrig report ${target}`
    : 'pass a run directory under runs/ (it holds run.json and report.html)';
  throw new LoadrigError('E_RUN_DIR', `${target} has no report: ${report} is missing`, hint);
}

/** The platform's opener when it is installed and (on Linux) there is a display to open on. */
export function findOpener(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): { command: string; args: string[] } | undefined {
  if (platform === 'darwin') return onPath('open', env) ? { command: 'open', args: [] } : undefined;
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return undefined;
  return onPath('xdg-open', env) ? { command: 'xdg-open', args: [] } : undefined;
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function defaultDeps(): OpenCommandDeps {
  return {
    env: process.env,
    platform: process.platform,
    out: process.stdout,
    launch(command, args) {
      try {
        const child = spawn(command, args, { detached: true, stdio: 'ignore' });
        child.on('error', () => undefined);
        child.unref();
        return child.pid !== undefined;
      } catch {
        return false;
      }
    },
  };
}
