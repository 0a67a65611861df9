import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What loadrig's own temp entries are called (harness/temp/temp-dirs.ts), and tests' too. */
const LOADRIG_ENTRY = /^loadrig-/;

export interface TempHygiene {
  /** The private temp dir the test file runs in (TMPDIR points at it). */
  readonly dir: string;
  beforeTest(): void;
  afterTest(testName: string): void;
  /** Removes the private dir; the message lists what tests left behind, if anything. */
  finish(): string | undefined;
}

/**
 * Gives a test file a private temp dir (TMPDIR, which `os.tmpdir()` and child processes
 * follow) and finds the `loadrig-*` entries its tests leave in it: each is attributed to the
 * test during which it appeared, and the file fails at its end if any is still there. The
 * private dir is then removed whatever it holds, so a test run leaves the machine's temp dir
 * as it found it.
 */
export function tempHygiene(env: NodeJS.ProcessEnv = process.env): TempHygiene {
  const systemTmp = tmpdir();
  const previous = env['TMPDIR'];
  // Under the run's temp root (temp-root.ts), which goes at the end of the run whatever it holds.
  const root = env['LOADRIG_TEST_TMP_ROOT'] ?? systemTmp;
  const dir = mkdtempSync(join(existsSync(root) ? root : systemTmp, 'file-'));
  env['TMPDIR'] = dir;
  const madeBy = new Map<string, string>();
  let before = new Set<string>();
  const entries = (): string[] =>
    existsSync(dir) ? readdirSync(dir).filter((n) => LOADRIG_ENTRY.test(n)) : [];
  return {
    dir,
    beforeTest() {
      before = new Set(entries());
    },
    afterTest(testName) {
      for (const name of entries()) if (!before.has(name)) madeBy.set(name, testName);
    },
    finish() {
      const left = entries();
      if (previous === undefined) delete env['TMPDIR'];
      else env['TMPDIR'] = previous;
      rmSync(dir, { recursive: true, force: true });
      if (left.length === 0) return undefined;
      const lines = left.map(
        (name) =>
          `  ${name}: ${madeBy.has(name) ? `made by "${madeBy.get(name)}"` : 'made outside any test (top level or a beforeAll hook)'}`,
      );
      return `temp entries left behind (remove what a test creates, e.g. rmSync(dir, { recursive: true, force: true }) in afterEach/afterAll):\n${lines.join('\n')}`;
    },
  };
}
