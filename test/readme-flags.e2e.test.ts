import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// Every flag the README gives a loadrig command must be one that command's --help lists, and
// the README's "Options of each command" must list every option of every command.
const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

/** Flags of other programs the README quotes (k6, Node, dockerd, the benches), never loadrig's. */
const OTHER_TOOLS = new Set([
  '--summary-export', // k6
  '--execution-segment', // k6
  '--execution-segment-sequence', // k6
  '--address', // k6
  '--require', // node
  '--max-old-space-size', // node
  '--max-semi-space-size', // node
  '--iptables', // dockerd
  '--bridge', // dockerd
  '--pairs', // npm run bench:compare
  '--service', // npm run bench:compare
  '--service-ms', // npm run bench:compare
  '--slower', // npm run bench:compare
  '--vus', // npm run bench:compare
  '--keep', // npm run bench:compare
  '--judge', // npm run bench:compare
]);

type Help = Map<string, Set<string>>;

/** `-f, --format <list>` lines of a --help: the flags each names. */
function parseOptions(help: string): Set<string> {
  const flags = new Set<string>();
  const section = help.split(/^Options:$/m)[1]?.split(/^\S.*:$/m)[0] ?? '';
  for (const line of section.split('\n')) {
    const head = /^ {2}((?:-[\w-]+(?:, )?)+)/.exec(line)?.[1];
    for (const f of head?.split(', ') ?? []) flags.add(f.trim());
  }
  return flags;
}

/** The flags a piece of text names: `--runs`, `-o`, `--out=x` → `--out`. */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w<-])(--?[a-z][\w-]*)/gi)].map((m) => m[1] as string);
}

/** `loadrig x ...` and `npx loadrig x ...`: the command (two words for baseline) and its flags. */
function commandLine(text: string): { command: string; flags: string[] } | undefined {
  const m = /^(?:npx )?loadrig\s+(.*)$/.exec(text.trim());
  if (!m) return undefined;
  const words = (m[1] as string).split(/\s+/);
  const first = words[0] ?? '';
  if (first.startsWith('-')) return { command: '', flags: flagsIn(m[1] as string) };
  const command = first === 'baseline' ? `baseline ${words[1] ?? ''}` : first;
  return { command, flags: flagsIn(words.slice(first === 'baseline' ? 2 : 1).join(' ')) };
}

/** Inline code spans of a Markdown text (table cells' `\|` unescaped). */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => (m[1] as string).replace(/\\\|/g, '|'));
}

/** Lines of ```sh blocks that run loadrig. */
function shellLines(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string)
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, ''))
      .flatMap((l) => l.split(/&&|;/)),
  );
}

const COMMANDS = [
  '',
  'run',
  'demo',
  'report',
  'open',
  'ps',
  'clean',
  'import',
  'export',
  'k8s',
  'history',
  'capacity',
  'compare',
  'ab',
  'baseline save',
  'baseline list',
];

describe('the README against the CLI', () => {
  const help: Help = new Map();
  let listed: string[] = [];

  beforeAll(async () => {
    const outputs = await Promise.all(
      COMMANDS.map((c) => runCli([...c.split(' ').filter(Boolean), '--help'])),
    );
    COMMANDS.forEach((c, i) => help.set(c, parseOptions(outputs[i]?.stdout ?? '')));
    const root = outputs[0]?.stdout ?? '';
    listed = [...(root.split(/^Commands:$/m)[1] ?? '').matchAll(/^ {2}(\w+)/gm)].map(
      (m) => m[1] as string,
    );
  }, 60_000);

  const known = (command: string): Set<string> => {
    const flags = help.get(command);
    expect(flags, `the README names a command loadrig does not have: ${command}`).toBeDefined();
    return new Set([...(flags ?? []), '-h', '--help']);
  };

  it('reads every command and its options from --help', () => {
    expect(listed).toEqual(expect.arrayContaining(['run', 'demo', 'history', 'baseline', 'ab']));
    for (const c of listed.filter((c) => c !== 'help' && c !== 'baseline')) {
      expect(COMMANDS, `a command this test does not check: ${c}`).toContain(c);
    }
    expect(help.get('run')).toEqual(expect.objectContaining({}));
    expect([...(help.get('run') ?? [])]).toEqual(expect.arrayContaining(['--runs', '-t', '--out']));
    expect([...help.get('')!]).toEqual(expect.arrayContaining(['-V', '--version']));
  });

  it('gives each command only flags it has, in every command line and code span', () => {
    const lines = [...codeSpans(README), ...shellLines(README)];
    const problems: string[] = [];
    let checked = 0;
    for (const text of lines) {
      const parsed =
        commandLine(text) ??
        // `compare --baseline <name>`, `history --influx`: a command named before its flag.
        (/^(\w+) (--?[a-z])/.exec(text) && help.has(text.split(' ')[0] as string)
          ? { command: text.split(' ')[0] as string, flags: flagsIn(text.slice(text.indexOf(' '))) }
          : undefined);
      if (!parsed) continue;
      checked++;
      const flags = known(parsed.command);
      for (const f of parsed.flags) {
        if (!flags.has(f)) problems.push(`"${text}": loadrig ${parsed.command} has no ${f}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it('names, wherever it quotes a flag, one that some command has (or another tool’s, listed above)', () => {
    const all = new Set([...help.values()].flatMap((s) => [...s]));
    const problems = codeSpans(README)
      .filter((span) => /^--?[a-z]/i.test(span))
      .flatMap((span) => flagsIn(span).slice(0, 1))
      .filter((f) => !all.has(f) && !OTHER_TOOLS.has(f));
    expect(problems).toEqual([]);
  });

  it('lists every option of every command under "Options of each command", and no other', () => {
    const section = README.split('### Options of each command')[1]?.split(/\n#{2,3} /)[0] ?? '';
    const bullets = section.split(/\n- /).slice(1);
    const covered = new Map<string, Set<string>>();
    for (const bullet of bullets) {
      const head = /^[\s\S]*?\*\*:/.exec(bullet)?.[0] ?? '';
      const commands = [...head.matchAll(/\*\*`([^`]+)`\*\*/g)].map((m) => {
        const words = (m[1] as string).split(' ');
        return words[0] === 'baseline' ? `baseline ${words[1]}` : (words[0] as string);
      });
      // "; `run` only: ..." gives what follows to that command alone.
      const [shared = '', ...only] = bullet.slice(head.length).split(/; `(\w+)` only:/);
      const parts: [string[], string][] = [[commands, shared]];
      for (let i = 0; i < only.length; i += 2) parts.push([[only[i] as string], only[i + 1] ?? '']);
      for (const [owners, text] of parts) {
        const flags = codeSpans(text).flatMap((span) =>
          /^--?[a-z]/i.test(span) ? flagsIn(span.split(/ (?=\()/)[0] as string) : [],
        );
        for (const c of owners) {
          const set = covered.get(c) ?? new Set<string>();
          for (const f of flags) if (!OTHER_TOOLS.has(f)) set.add(f);
          covered.set(c, set);
        }
      }
    }
    const problems: string[] = [];
    for (const command of COMMANDS.filter(Boolean)) {
      const documented = covered.get(command);
      if (!documented) {
        problems.push(`${command}: no entry`);
        continue;
      }
      const actual = [...known(command)].filter((f) => f !== '-h' && f !== '--help');
      for (const f of actual) if (!documented.has(f)) problems.push(`${command}: ${f} not listed`);
      for (const f of documented) {
        if (!known(command).has(f)) problems.push(`${command}: lists ${f}, which it does not have`);
      }
    }
    expect(problems).toEqual([]);
  });
});
