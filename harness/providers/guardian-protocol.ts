import { InternalError } from '../../core/errors.js';
/**
 * How the local provider and its guardian talk: argv in, IPC messages out. Both sides import
 * this file so the protocol cannot drift.
 */
export type GuardianMessage =
  /** The real target is running as `pid`, leader of its own process group. */
  | { type: 'started'; pid: number }
  /** The real target could not be spawned at all (ENOENT, EACCES...). */
  | { type: 'spawn-error'; code: string; message: string }
  /** The real target exited; the guardian exits once its process group is gone. */
  | { type: 'exit'; code: number | null; signal: string | null };

export interface GuardianArgs {
  graceMs: number;
  /** argv, or a string run through /bin/sh. */
  command: string[] | string;
}

/**
 * Node reads NODE_OPTIONS at start-up, so the target's value must not configure the guardian
 * itself (an `--inspect` would bind twice); it travels under this name and is restored.
 */
export const TARGET_NODE_OPTIONS_ENV = 'LOADRIG_TARGET_NODE_OPTIONS';

export function guardianArgv({ graceMs, command }: GuardianArgs): string[] {
  const head = ['--grace-ms', String(graceMs)];
  return typeof command === 'string' ? [...head, '--shell', command] : [...head, '--', ...command];
}

export function parseGuardianArgv(argv: readonly string[]): GuardianArgs {
  const usage = 'usage: guardian --grace-ms N (--shell "command" | -- argv...)';
  if (argv[0] !== '--grace-ms') throw new InternalError(usage);
  const graceMs = Number(argv[1]);
  if (!Number.isFinite(graceMs) || graceMs < 0)
    throw new InternalError(`${usage}; bad grace ${argv[1]}`);
  if (argv[2] === '--shell' && argv.length === 4 && argv[3]) return { graceMs, command: argv[3] };
  if (argv[2] === '--' && argv.length > 3) return { graceMs, command: argv.slice(3) };
  throw new InternalError(usage);
}

export function isGuardianMessage(value: unknown): value is GuardianMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'started' || type === 'spawn-error' || type === 'exit';
}
