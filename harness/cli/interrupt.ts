import { EXIT } from '../../core/exit-codes.js';

/**
 * First Ctrl-C (or SIGTERM): stop the load, tear the target down, keep and report what was
 * recorded. A second one exits at once; the target's guardian still kills it.
 */
export function interruptOnSignals(out: NodeJS.WritableStream = process.stderr): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      out.write(`\n${name} again: exiting now\n`);
      process.exit(EXIT.interrupted);
    }
    out.write(
      `\n${name}: stopping the run and keeping what was recorded (press Ctrl-C again to exit at once)\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
