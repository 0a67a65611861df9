import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

/**
 * `loadrig ab` on a throwaway repository: a tiny server whose second commit answers 20 %
 * slower. Each test checks that both worktrees are gone afterwards, whatever happened.
 */
const SERVER = (serviceMs: number) => `const http = require('node:http');
const SERVICE_MS = ${serviceMs};
http
  .createServer((req, res) => {
    if (req.url === '/health') return res.end('ok');
    setTimeout(() => res.end('done'), SERVICE_MS);
  })
  .listen(Number(process.env.PORT), process.env.HOST);
`;

const SCENARIO = (build: string, vus = 4) => `import { scenario, soak, target } from 'loadrig';

export default scenario({
  name: 'tiny',
  target: target({ name: 'tiny', command: ['node', 'server.cjs'], health: '/health', build: ${JSON.stringify(build)} }),
  profile: soak({ vus: ${vus}, duration: '4s' }),
  flow: async (vu) => {
    await vu.http.get('/work');
  },
});
`;

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

function commit(serviceMs: number, build: string, message: string, vus?: number): void {
  writeFileSync(join(repo, 'server.cjs'), SERVER(serviceMs));
  writeFileSync(join(repo, 'scenario.ts'), SCENARIO(build, vus));
  git('add', '.');
  git('commit', '-qm', message);
}

/** The worktree paths ab announced on stderr. */
function worktreesOf(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith('worktrees: '));
  if (!line) return [];
  return [...line.matchAll(/(\/\S+\/(?:base|candidate)) \(/g)].map((m) => m[1]!);
}

function expectNoWorktrees(stderr: string): void {
  const paths = worktreesOf(stderr);
  expect(paths).toHaveLength(2);
  for (const p of paths) expect(existsSync(p)).toBe(false);
  expect(git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'loadrig-ab-repo-'));
  git('init', '-q', '-b', 'master');
  git('config', 'user.email', 'ab@example.com');
  git('config', 'user.name', 'ab test');
  commit(20, 'test -f server.cjs', 'a server answering in 20 ms');
  git('tag', 'fast');
  commit(24, 'test -f server.cjs', 'the same server, 20 % slower');
  git('checkout', '-q', '-b', 'broken', 'fast');
  commit(20, 'echo "compile error" >&2; exit 7', 'a build that fails');
  git('checkout', '-q', '-b', 'more-vus', 'fast');
  commit(20, 'test -f server.cjs', 'the scenario drives 8 VUs instead of 4', 8);
  git('checkout', '-q', 'master');
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('loadrig ab', () => {
  it('finds the 20 % slower commit a regression, exits 1 and removes both worktrees', async () => {
    const r = await runCli(
      [
        'ab',
        'scenario.ts',
        '--base',
        'fast',
        '--candidate',
        'master',
        '--rounds',
        '3',
        '--round-duration',
        '4s',
      ],
      { cwd: repo, timeoutMs: 110_000 },
    );
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('REGRESSION');
    expect(r.stdout).toMatch(/latency p50 .*regression/);
    expectNoWorktrees(r.stderr);
    const dir = /compare\.json: (.+)\/compare\.json/.exec(r.stdout)![1]!;
    const ab = JSON.parse(readFileSync(join(dir, 'ab.json'), 'utf8')) as {
      order: string[];
      rounds: unknown[];
    };
    expect(ab.order).toEqual(['base', 'candidate', 'candidate', 'base', 'base', 'candidate']);
    expect(ab.rounds).toHaveLength(6);
    const json = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')) as {
      verdict: string;
      base: { runs: { commit: string }[] };
      candidate: { runs: { commit: string }[] };
    };
    expect(json.verdict).toBe('regression');
    expect(json.base.runs.map((x) => x.commit)).toEqual(
      new Array(3).fill(git('rev-parse', 'fast')),
    );
    expect(json.candidate.runs.map((x) => x.commit)).toEqual(
      new Array(3).fill(git('rev-parse', 'master')),
    );
    for (const file of ['compare.html', 'compare.md', 'junit.xml'])
      expect(existsSync(join(dir, file))).toBe(true);
  }, 120_000);

  it('stops with exit 3 when a ref does not build, naming it, and removes both worktrees', async () => {
    const r = await runCli(['ab', 'scenario.ts', '--base', 'fast', '--candidate', 'broken'], {
      cwd: repo,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('compile error');
    expect(r.stderr).toMatch(/candidate broken: build command .* failed \(exit code 7/);
    expectNoWorktrees(r.stderr);
  });

  it('removes both worktrees on Ctrl-C and exits 130', async () => {
    let stderr = '';
    const r = await runCli(['ab', 'scenario.ts', '--base', 'fast', '--candidate', 'master'], {
      cwd: repo,
      onSpawn: (child) => {
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('› load')) child.kill('SIGINT');
        });
      },
    });
    expect(r.code).toBe(130);
    expectNoWorktrees(r.stderr);
  });

  it('refuses refs whose scenarios drive different loads before any round (exit 2)', async () => {
    const r = await runCli(['ab', 'scenario.ts', '--base', 'fast', '--candidate', 'more-vus'], {
      cwd: repo,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("profile: the base ref's scenario file has");
    expect(r.stderr).toContain('--force');
    expect(r.stderr).not.toContain('round 1/');
    expectNoWorktrees(r.stderr);
  });

  it('refuses an unknown ref before checking anything out (exit 2)', async () => {
    const r = await runCli(
      ['ab', 'scenario.ts', '--base', 'no-such-ref', '--candidate', 'master'],
      { cwd: repo },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-ref');
    expect(git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  });
});
