import vm from 'node:vm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ERROR_CODES, LoadrigError } from '../../core/errors.js';

/**
 * Property-based tests with a seed that is printed and can be replayed.
 *
 * Each property draws a fresh seed unless LOADRIG_FUZZ_SEED is set; the seed is printed before
 * the property runs, and a failure's message starts with the exact command that replays it
 * (seed, shrink path and test name). LOADRIG_FUZZ_RUNS multiplies every property's run count
 * (a longer hunt: LOADRIG_FUZZ_RUNS=100).
 *
 * Every run is bounded in time: the predicate runs under a vm watchdog that stops even a
 * synchronous endless loop, so a parser that hangs fails its property instead of the suite.
 */
export interface FuzzOptions {
  numRuns?: number;
  /** One run longer than this is a hang. */
  runMs?: number;
  /**
   * The property stops drawing new inputs (or shrinking) after this long: by default within
   * vitest's 5 s test timeout, and 30 minutes on a longer hunt (LOADRIG_FUZZ_RUNS set, run with
   * `--testTimeout` to match).
   */
  totalMs?: number;
}

const context = vm.createContext({ run: undefined as unknown });
const callRun = new vm.Script('run()');

/** Calls fn; a call longer than `ms` is stopped and becomes an error naming the limit. */
export function withinMs<T>(ms: number, fn: () => T): T {
  context['run'] = fn;
  try {
    return callRun.runInContext(context, { timeout: ms }) as T;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new Error(`no answer within ${ms} ms: the code under test hangs on this input`);
    }
    throw e;
  } finally {
    context['run'] = undefined;
  }
}

function envInt(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${text} is not a whole number`);
  return n;
}

const testFile = (): string => {
  const name = expect.getState().testPath ?? '<test file>';
  return name.replace(`${process.cwd()}/`, '');
};

export function fuzz<Ts extends [unknown, ...unknown[]]>(
  title: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  opts: FuzzOptions = {},
): void {
  const seed = envInt('LOADRIG_FUZZ_SEED') ?? (Math.random() * 2 ** 31) | 0;
  const path = process.env['LOADRIG_FUZZ_PATH'];
  const factor = envInt('LOADRIG_FUZZ_RUNS');
  const numRuns = (opts.numRuns ?? 200) * (factor ?? 1);
  const runMs = opts.runMs ?? 2000;
  console.info(`[fuzz] ${title}: seed ${seed}, ${numRuns} runs`);
  const guarded = (...args: Ts): void => withinMs(runMs, () => predicate(...args));
  const property = fc.property(
    ...([...arbitraries, guarded] as unknown as Parameters<typeof fc.property<Ts>>),
  );
  const details = fc.check(property, {
    seed,
    numRuns,
    ...(path !== undefined && path !== '' ? { path } : {}),
    interruptAfterTimeLimit: opts.totalMs ?? (factor === undefined ? 4000 : 30 * 60_000),
    markInterruptAsFailure: false,
  });
  if (details.interrupted && !details.failed) {
    console.info(`[fuzz] ${title}: time limit reached after ${details.numRuns} runs`);
  }
  if (!details.failed) return;
  const replay =
    `LOADRIG_FUZZ_SEED=${details.seed} LOADRIG_FUZZ_PATH=${details.counterexamplePath ?? ''} ` +
    `npx vitest run ${testFile()} -t ${JSON.stringify(expect.getState().currentTestName ?? title)}`;
  throw new Error(`${title}\nreplay: ${replay}\n${fc.defaultReportMessage(details) ?? ''}`, {
    cause: details.errorInstance,
  });
}

/**
 * Runs fn: a value is fine, and so is a loadrig error with a known code (the typed rejection
 * every parser owes its users); anything else (a TypeError, a RangeError) fails the property.
 */
export function typedOrValue<T>(fn: () => T): T | LoadrigError {
  try {
    return fn();
  } catch (e) {
    if (!LoadrigError.is(e)) {
      throw new Error(`rejected with an untyped error: ${String(e)}`, { cause: e });
    }
    expect(ERROR_CODES).toContain(e.code);
    return e;
  }
}
