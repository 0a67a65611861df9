import type { LocalTargetSpec } from '../../targets/target.js';
import { TargetError } from '../../core/errors.js';
import { logTail } from './log-tail.js';
import type { TargetExit } from './provider.js';

const commandText = (command: string[] | string): string =>
  typeof command === 'string' ? command : command.join(' ');

export function spawnError(spec: LocalTargetSpec, code: string, message: string): TargetError {
  const program = typeof spec.command === 'string' ? '/bin/sh' : (spec.command[0] ?? '');
  const [what, hint] =
    code === 'ENOENT'
      ? ['was not found (ENOENT)', 'install it, put it on PATH, or give its absolute path']
      : code === 'EACCES'
        ? ['is not executable (EACCES)', `make it executable: chmod +x ${program}`]
        : [`could not be started (${code}: ${message})`, "check the target's command and cwd"];
  return new TargetError(
    'E_TARGET_START',
    `target "${spec.name}": command "${program}" ${what}`,
    hint,
  );
}

export async function exitedDuringStart(
  spec: LocalTargetSpec,
  healthUrl: string,
  exit: TargetExit,
  logFile: string,
): Promise<TargetError> {
  const how = exit.code !== null ? `with code ${exit.code}` : `on signal ${exit.signal ?? '?'}`;
  const tail = await logTail(logFile);
  const shown = tail.length
    ? `; last lines of its log:\n${tail.map((line) => `  | ${line}`).join('\n')}`
    : '; its log is empty';
  const notFound =
    exit.code === 127 && typeof spec.command === 'string'
      ? 'exit code 127 from the shell means the command was not found; '
      : '';
  return new TargetError(
    'E_TARGET_EXITED',
    `target "${spec.name}" exited ${how} during start-up, before GET ${healthUrl} answered${shown}`,
    `${notFound}see its whole log: ${logFile}; try the command by hand: ${commandText(spec.command)}`,
  );
}

export function guardianFailed(
  spec: LocalTargetSpec,
  exit: TargetExit,
  logFile: string,
): TargetError {
  return new TargetError(
    'E_TARGET_START',
    `target "${spec.name}" was not started: loadrig's guardian process exited (code ${exit.code ?? exit.signal ?? '?'}) before starting it`,
    `see its log: ${logFile}`,
  );
}
