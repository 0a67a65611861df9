import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../core/package-root.js';
import { OPTIONAL_PACKAGES } from '../../../harness/meta/optional-package.js';
import { runCli } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

// Docker, Postgres and Redis clients are optional peer dependencies: a local-process user does
// not install them. These tests run the built CLI with them made unresolvable by a module hook
// (test/fixtures/optional-packages/), as in such an install.
const HIDE = join(import.meta.dirname, '../../fixtures/optional-packages/hide-packages.mjs');
const tempDir = useTempDirs();
const fixture = (path: string): string => join(import.meta.dirname, '../../fixtures', path);

/** The CLI with the optional packages hidden; `attempts` lists each one something tried to load. */
async function withoutOptional(args: string[]) {
  const log = join(tempDir('loadrig-hidden-'), 'attempts.log');
  const r = await runCli(args, {
    env: { NODE_OPTIONS: `--import=${HIDE}`, LOADRIG_HIDDEN_LOG: log },
    timeoutMs: 90_000,
  });
  const attempts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { ...r, attempts };
}

describe('a local-process user without the Docker, Postgres and Redis clients', () => {
  it('runs a scenario against a local process without loading any of them', async () => {
    const runs = tempDir('loadrig-slim-runs-');
    const r = await withoutOptional([
      'run',
      fixture('scenarios/delay-20ms.ts'),
      '--runs',
      runs,
      '--duration',
      '2s',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/report: .*report\.html/);
    expect(r.attempts).toEqual([]);
  }, 90_000);

  it('reports, lists and cleans without them (ps and clean say why containers were not looked at)', async () => {
    const runs = tempDir('loadrig-slim-runs-');
    const ps = await withoutOptional(['ps', '--runs', runs]);
    expect(ps.code, ps.stderr).toBe(0);
    expect(ps.stdout).toContain(
      'containers: not listed: listing containers needs the package dockerode, which is not installed',
    );
    const clean = await withoutOptional(['clean']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^temp directories: /);
    expect(clean.stdout).toContain(
      'containers: not checked: listing containers needs the package dockerode',
    );
    const copy = join(tempDir('loadrig-slim-report-'), 'run');
    cpSync(fixture('run-dirs/v1/20261203T131733Z-demo'), copy, { recursive: true });
    const report = await withoutOptional(['report', copy, '--format', 'json,md']);
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(copy, 'summary.md'))).toBe(true);
    expect([...ps.attempts, ...clean.attempts, ...report.attempts]).toEqual([
      'dockerode',
      'dockerode',
    ]);
  });

  it('is told which packages a container target needs, before anything starts (exit 2)', async () => {
    const r = await withoutOptional([
      'run',
      fixture('docker/with-dependencies.ts'),
      '--runs',
      tempDir('loadrig-slim-runs-'),
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      'error container target "deps-service" needs the packages dockerode, testcontainers, pg and ioredis, which are not installed',
    );
    expect(r.stderr).toContain(
      'hint  install them beside loadrig: npm install --save-dev dockerode testcontainers pg ioredis',
    );
  });
});

describe('the compiled CLI', () => {
  /** Modules reachable from `entry` through static imports (dynamic `import()` left out). */
  function staticClosure(entry: string): Map<string, string[]> {
    const seen = new Map<string, string[]>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)';/gms)].map(
        (m) => m[1] as string,
      );
      const bare = [...text.matchAll(/^import\s+'([^']+)';/gm)].map((m) => m[1] as string);
      const all = [...specifiers, ...bare];
      seen.set(file, all);
      for (const s of all) if (s.startsWith('.')) visit(resolve(dirname(file), s));
    };
    visit(entry);
    return seen;
  }

  it('imports no optional package statically from any command, nor on the run path', () => {
    const dist = join(packageRoot(), 'dist', 'harness', 'cli');
    for (const entry of [join(dist, 'main.js'), join(dist, 'commands', 'run-command.js')]) {
      const closure = staticClosure(entry);
      expect(closure.size).toBeGreaterThan(entry.endsWith('main.js') ? 40 : 100);
      const offenders = [...closure].flatMap(([file, specifiers]) =>
        specifiers
          .filter((s) => OPTIONAL_PACKAGES.some((p) => s === p || s.startsWith(`${p}/`)))
          .map((s) => `${file.slice(packageRoot().length + 1)} imports ${s}`),
      );
      expect(offenders).toEqual([]);
    }
  });
});
