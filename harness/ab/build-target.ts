import { spawn } from 'node:child_process';
import { TargetError } from '../../core/errors.js';

/**
 * Runs a target's build command in its worktree, output to stderr. A string goes through the
 * shell, an array is run as argv. A non-zero exit stops `ab` (exit code 3) naming the ref.
 */
export function buildTarget(opts: {
  command: string[] | string;
  cwd: string;
  what: string;
  stderr?: NodeJS.WritableStream;
}): Promise<void> {
  const argv = typeof opts.command === 'string' ? ['/bin/sh', '-c', opts.command] : opts.command;
  const shown = typeof opts.command === 'string' ? opts.command : opts.command.join(' ');
  const err = opts.stderr ?? process.stderr;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => err.write(d));
    child.stderr.on('data', (d: Buffer) => err.write(d));
    child.on('error', (e) =>
      reject(
        new TargetError(
          'E_TARGET_BUILD',
          `${opts.what}: build command \`${shown}\` could not start (${e.message})`,
          "check the target's build command",
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      reject(
        new TargetError(
          'E_TARGET_BUILD',
          `${opts.what}: build command \`${shown}\` failed (exit code ${code ?? '-'}, signal ${signal ?? '-'}) in ${opts.cwd}`,
          'its output is above; fix the build at that ref, or try it by hand in a checkout',
        ),
      );
    });
  });
}
