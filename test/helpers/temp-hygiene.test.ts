import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHygiene } from './temp-hygiene.js';

describe('the temp-dir check every test file runs under', () => {
  it('points TMPDIR at a private dir, names the test that left a loadrig-* entry, then removes it all', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: tmpdir() };
    const hygiene = tempHygiene(env);
    expect(env['TMPDIR']).toBe(hygiene.dir);
    expect(hygiene.dir.startsWith(tmpdir())).toBe(true);
    mkdirSync(join(hygiene.dir, 'loadrig-made-early'));
    hygiene.beforeTest();
    mkdirSync(join(hygiene.dir, 'loadrig-k6-abc123'));
    writeFileSync(join(hygiene.dir, 'unrelated.tmp'), '');
    hygiene.afterTest('file > suite > leaks a dir');
    hygiene.beforeTest();
    mkdirSync(join(hygiene.dir, 'loadrig-cleaned'));
    hygiene.afterTest('file > suite > cleans in afterAll');
    // Removed by an afterAll hook before the check: not reported.
    rmSync(join(hygiene.dir, 'loadrig-cleaned'), { recursive: true });
    const problem = hygiene.finish();
    expect(problem).toMatch(/^temp entries left behind/);
    expect(problem).toContain('loadrig-k6-abc123: made by "file > suite > leaks a dir"');
    expect(problem).toContain('loadrig-made-early: made outside any test');
    expect(problem).not.toContain('loadrig-cleaned');
    expect(problem).not.toContain('unrelated');
    expect(existsSync(hygiene.dir)).toBe(false);
    expect(env['TMPDIR']).toBe(tmpdir());
  });

  it('says nothing when the tests cleaned up', () => {
    const env: NodeJS.ProcessEnv = {};
    const hygiene = tempHygiene(env);
    hygiene.beforeTest();
    writeFileSync(join(hygiene.dir, 'scratch'), '');
    hygiene.afterTest('t');
    expect(hygiene.finish()).toBeUndefined();
    expect('TMPDIR' in env).toBe(false);
  });
});
