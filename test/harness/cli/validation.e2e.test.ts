import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { pidsMatching } from '../../helpers/process.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);

describe('loadrig run: a scenario with mistakes', () => {
  it('is refused before anything starts: every mistake listed, exit 2, no target, no run directory', async () => {
    const out = join(tempDir('loadrig-refused-'), 'runs');
    const r = await runCli(['run', fixture('refused-before-load.ts'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refused-before-load.ts is not a valid scenario:');
    for (const line of [
      /- import statuss \(.*refused-before-load\.ts:2\): loadrig has no export named statuss; did you mean status\?/,
      /- profile\.preAllocatedVus: unknown field; did you mean preAllocatedVUs\?/,
      /- target\.healthPath: unknown field; did you mean health\?/,
      /- gracefullStop: unknown field; did you mean gracefulStop\?/,
      /- thresholds\["http_req_duraton"\]: no metric named http_req_duraton; did you mean http_req_duration\?/,
      /- thresholds\["http_req_failed"\]\[0\]: "p\(95\)" does not apply to rate metric http_req_failed; use rate/,
    ]) {
      expect(r.stderr).toMatch(line);
    }
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Refused while loading: no run directory was made, no target process started, no load.
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(pidsMatching('loadrig-e2e-refused-before-load')).toEqual([]);
    expect(r.stderr).not.toMatch(/provision|warm-up/);
  });
});
