import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest global setup: one temp root for the whole test run, holding each test file's private
 * temp dir (temp-hygiene.ts), removed at the end whatever is in it (a file whose tests were all
 * skipped never runs the afterAll that removes its own).
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'vitest-tmp-'));
  process.env['LOADRIG_TEST_TMP_ROOT'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
