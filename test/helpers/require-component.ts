/**
 * Tests that need a component (Docker, a browser, Postgres, ...) run when it is there; when it
 * is missing they are skipped with a visible notice, unless the flag .ci/run sets is on, in
 * which case they fail.
 */
export function componentGate(flag: string, available: boolean, what: string): { skip: boolean } {
  if (available) return { skip: false };
  if (process.env[flag] === '1') {
    throw new Error(`${what} is required (${flag}=1) but not available on this machine`);
  }
  process.stderr.write(
    `[loadrig tests] skipping: ${what} is not available (set ${flag}=1 to make this fail)\n`,
  );
  return { skip: true };
}
