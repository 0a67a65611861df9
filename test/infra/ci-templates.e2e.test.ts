import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadrigInvocations, type Invocation } from './loadrig-invocations.js';

const CI = join(import.meta.dirname, '../../infra/ci');

function templates(dir = CI): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? templates(join(dir, e.name))
      : /\.ya?ml$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

const invocations: Invocation[] = templates().flatMap((path) =>
  loadrigInvocations(relative(CI, path), readFileSync(path, 'utf8')),
);

describe('CI templates (infra/ci)', () => {
  it('are GitHub Actions and GitLab CI files that run loadrig', () => {
    const files = new Set(invocations.map((i) => i.file));
    expect(files).toEqual(
      new Set(['github/nightly-soak.yml', 'github/pr-compare.yml', 'gitlab/gitlab-ci.yml']),
    );
    expect(invocations.map((i) => i.command)).toEqual(
      expect.arrayContaining(['run', 'history', 'ab', 'compare']),
    );
  });

  const commands = [...new Set(invocations.map((i) => i.command))];
  it.each(commands)('use only flags `loadrig %s --help` lists', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout, `loadrig ${command} is not a command`).toMatch(
      new RegExp(`^Usage: loadrig ${command} `),
    );
    const missing = invocations
      .filter((i) => i.command === command)
      .flatMap((i) =>
        i.flags
          .filter((f) => !new RegExp(`(^|[\\s,])${f}([\\s,]|$)`, 'm').test(help.stdout))
          .map((f) => `${f} (${i.file}: ${i.line})`),
      );
    expect(missing).toEqual([]);
  });
});
