import pc from 'picocolors';
import { LoadrigError } from '../../core/errors.js';
import { EXIT, exitCodeFor } from '../../core/exit-codes.js';

/** The one place errors become messages and exit codes; stack traces only for our own bugs. */
export function reportError(e: unknown, err: NodeJS.WritableStream = process.stderr): number {
  if (LoadrigError.is(e) && e.code !== 'E_INTERNAL') {
    err.write(`${pc.red('error')} ${e.message}\n`);
    if (e.hint) err.write(`${pc.dim('hint')}  ${e.hint}\n`);
    return exitCodeFor(e.code);
  }
  err.write(`${pc.red('internal error')} (a loadrig bug; please report it with this trace)\n`);
  err.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.internal;
}
