import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('the published package', () => {
  it('ships the CLI, the compiled code, templates, docs and the licence, and no benchmarks', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(files).toContain('bin/loadrig.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/harness/cli/main.js');
    expect(files).toContain('reports/templates/report.hbs');
    expect(files).toContain('docs/run-format.md');
    expect(files.filter((f) => f.startsWith('dist/bench/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/'))).toEqual([]);
  });
});
