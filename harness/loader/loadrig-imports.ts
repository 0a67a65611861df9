import { dirname, relative } from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';
import type { ErrorIssue } from '../../core/errors.js';
import { suggestion } from '../../core/validation/closest-name.js';
import * as entry from '../../index.js';

/** What `import { ... } from 'loadrig'` can name at run time (types are erased before it runs). */
export const LOADRIG_EXPORTS: readonly string[] = Object.keys(entry).sort();

const NAMESPACE = 'loadrig-exports';
const MISSING = /for import "([^"]+)"|^Import "([^"]+)" will always be undefined/;

/**
 * Resolves `loadrig` to a module holding exactly its exports, keeps the user's own files (a
 * scenario and the helpers it imports) and leaves every other package out.
 */
function exportsOnly(names: readonly string[]): Plugin {
  return {
    name: 'loadrig-exports-only',
    setup(b) {
      b.onResolve({ filter: /^loadrig$/ }, () => ({ path: 'loadrig', namespace: NAMESPACE }));
      b.onResolve({ filter: /^[^./]/ }, (args) =>
        args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
      );
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
        contents: names.map((n) => `export const ${n} = 0;`).join('\n'),
        loader: 'js',
      }));
    },
  };
}

/**
 * Names a scenario file (or a helper it imports) takes from 'loadrig' that loadrig does not
 * export: `import { rampUp } from 'loadrig'` would load as undefined and fail only when the
 * flow runs, after the target started. esbuild's bundler resolves every import binding, so a
 * missing one is found before anything runs. Other build problems (a syntax error, a package
 * that cannot be resolved) are left to the loader, which reports them as load errors.
 */
export async function unknownLoadrigImports(
  path: string,
  exports: readonly string[] = LOADRIG_EXPORTS,
): Promise<ErrorIssue[]> {
  let messages: Message[];
  try {
    const result = await build({
      entryPoints: [path],
      absWorkingDir: dirname(path),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      // Default TypeScript semantics: imports used only as types are dropped, as when it runs.
      tsconfigRaw: {},
      plugins: [exportsOnly(exports)],
    });
    messages = result.warnings;
  } catch (e) {
    const failure = e as { errors?: Message[]; warnings?: Message[] };
    messages = [...(failure.errors ?? []), ...(failure.warnings ?? [])];
  }
  return messages.flatMap((m) => {
    const match = MISSING.exec(m.text);
    const name = match?.[1] ?? match?.[2];
    if (name === undefined || !m.text.includes(NAMESPACE)) return [];
    const where = m.location
      ? `${relative(process.cwd(), `${dirname(path)}/${m.location.file}`)}:${m.location.line}`
      : relative(process.cwd(), path);
    const fix =
      name === 'default'
        ? "loadrig has no default export; import names: import { scenario } from 'loadrig'"
        : `loadrig has no export named ${name}; ${suggestion(name, exports, 'its exports')}`;
    return [{ path: `import ${name} (${where})`, message: fix }];
  });
}
