import { parse } from 'yaml';

/** One `loadrig <command> ...` found in a CI file: the command and the flags it passes. */
export interface Invocation {
  file: string;
  command: string;
  flags: string[];
  line: string;
}

/** Keys whose values are shell: GitHub Actions steps' `run`, GitLab jobs' scripts. */
const SHELL_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);

/** Every shell string of a parsed YAML document. */
function shell(node: unknown, inShell = false, out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (inShell) out.push(node);
  } else if (Array.isArray(node)) {
    for (const n of node) shell(n, inShell, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) shell(v, inShell || SHELL_KEYS.has(k), out);
  }
  return out;
}

/** Shell words of one command line: quotes kept together, stopping at a pipe, `;`, `&&`, `||` or redirect. */
function words(text: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|'[^']*'|\|\||&&|[|;<>]|[^\s"'|;&<>]+/g;
  for (const m of text.matchAll(re)) {
    if (/^(\|\||&&|[|;<>])$/.test(m[0])) break;
    out.push(m[0]);
  }
  return out;
}

/** The loadrig commands a CI file runs (`npx loadrig ...` or `loadrig ...`), with their flags. */
export function loadrigInvocations(file: string, yamlText: string): Invocation[] {
  const found: Invocation[] = [];
  for (const text of shell(parse(yamlText))) {
    // Folded and continued lines are one command.
    const joined = text.replace(/\\\n\s*/g, ' ');
    for (const line of joined.split('\n')) {
      const at = line.search(/(^|\s)(npx\s+)?loadrig\s/);
      if (at < 0 || line.trimStart().startsWith('#')) continue;
      const rest = words(line.slice(at).replace(/^\s*(npx\s+)?loadrig\s+/, ''));
      const command = rest[0];
      if (!command || command.startsWith('-')) continue;
      const flags = rest
        .slice(1)
        .filter((w) => /^--?[a-z]/i.test(w))
        .map((w) => w.replace(/=.*$/, ''));
      found.push({ file, command, flags, line: line.trim() });
    }
  }
  return found;
}
