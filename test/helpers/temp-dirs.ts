import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * Temp directories of a test file, removed after each test (`until: 'each'`, the default) or
 * once the file's tests are done (`'all'`, for directories made in a beforeAll or shared by
 * tests). Call it at the top level of the file or of a describe block.
 */
export function useTempDirs(until: 'each' | 'all' = 'each'): (prefix: string) => string {
  const made: string[] = [];
  (until === 'each' ? afterEach : afterAll)(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
