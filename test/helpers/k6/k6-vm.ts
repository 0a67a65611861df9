/**
 * Evaluates a k6 script in a `node:vm` context that holds only what k6 v1.x gives a script:
 * the ECMAScript built-ins of its JavaScript engine (grafana/sobek builtin_global.go and
 * builtin_typedarrays.go, as vendored in k6 v1.3.0 and unchanged at v2.2.0: no Intl,
 * WebAssembly, SharedArrayBuffer, Atomics, WeakRef...; its own GoError is left out too), the
 * globals k6 sets (internal/js/bundle.go: `__ENV`, `__VU`, `console`, `open`, `global`; the
 * timers and `crypto` of registerGlobals; `__ITER` per iteration) and its modules as recording
 * doubles. Reading any other global fails with its name. Each VU gets its own context and runs
 * the init code again, as each k6 VU has its own runtime. Test-only.
 */
import { createContext, runInContext, type Context } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { K6_MODULES, k6ModuleDoubles } from './k6-module-doubles.js';
import { K6World, type K6VuState } from './k6-world.js';

const SOBEK_GLOBALS = new Set(
  (
    'Object Function Array String Number BigInt RegExp Date Boolean Proxy Reflect Error ' +
    'AggregateError TypeError ReferenceError SyntaxError RangeError EvalError URIError eval Math ' +
    'JSON ArrayBuffer DataView Uint8Array Uint8ClampedArray Int8Array Uint16Array Int16Array ' +
    'Uint32Array Int32Array Float32Array Float64Array BigInt64Array BigUint64Array Symbol WeakSet ' +
    'WeakMap Map Set Promise globalThis NaN undefined Infinity isNaN parseInt parseFloat isFinite ' +
    'decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape'
  ).split(' '),
);
/** What k6 v1.x adds to the global object (and `require`: see REQUIRE_MARKER). */
export const K6_GLOBALS = [
  '__ENV',
  '__VU',
  '__ITER',
  'console',
  'open',
  'global',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'crypto',
] as const;

/** A script compiled once into a function of its modules, to be run in any number of contexts. */
export async function compileK6Script(script: string): Promise<string> {
  const probe = k6ModuleDoubles(new K6World(), initState(0, 0));
  const virtual: Plugin = {
    name: 'k6-doubles',
    setup(b) {
      b.onResolve({ filter: /^k6(\/.*)?$/ }, (a) => ({ path: a.path, namespace: 'k6' }));
      b.onLoad({ filter: /.*/, namespace: 'k6' }, (a) => {
        if (!K6_MODULES.has(a.path)) return { errors: [{ text: `unknown module: ${a.path}` }] };
        const mod = probe[a.path];
        if (!mod) return { errors: [{ text: `the k6 doubles do not model ${a.path}` }] };
        const names = Object.keys(mod).filter((k) => k !== 'default');
        const ref = `__k6modules[${JSON.stringify(a.path)}]`;
        return {
          contents: [
            `export default ${ref}.default;`,
            ...names.map((n) => `export const ${n} = ${ref}.${n};`),
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
  const out = await build({
    stdin: { contents: script, loader: 'js', sourcefile: 'script.js' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__k6exports',
    platform: 'neutral',
    // esbuild would wrap a bare `require` in a helper of its own: keep it visible instead.
    define: { require: REQUIRE_MARKER },
    plugins: [virtual],
    logLevel: 'silent',
  });
  return `(function (__k6modules) {\n${out.outputFiles[0]?.text ?? ''}\nreturn __k6exports;\n})`;
}

export function initState(idInInstance: number, idInTest: number, scenario = 'default'): K6VuState {
  return {
    phase: 'init',
    idInInstance,
    idInTest,
    iterationInScenario: 0,
    scenario,
    tags: { scenario },
    jar: undefined,
  };
}

/**
 * k6 has a `require` of its own (its module system, init context only), but a script exported by
 * loadrig is one ES module and never needs it: the model leaves it out, so using it fails.
 */
const REQUIRE_MARKER = '__k6_vm_require';

/** A missing global, named: "TextDecoder is not defined" from any realm. */
export function missingGlobal(e: unknown): string | undefined {
  const err = e as { name?: string; message?: string };
  if (err?.name !== 'ReferenceError') return undefined;
  const name = /^(\S+) is not defined$/.exec(err.message ?? '')?.[1];
  return name === REQUIRE_MARKER ? 'require' : name;
}

function k6Context(world: K6World, vu: K6VuState, env: Record<string, string>): Context {
  const context = createContext({});
  const g = runInContext('globalThis', context) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(g)) {
    if (!SOBEK_GLOBALS.has(name)) Reflect.deleteProperty(g, name);
  }
  const log =
    (level: string) =>
    (...args: unknown[]) =>
      void world.console.push({ level, message: args.map(String).join(' ') });
  Object.assign(g, {
    __ENV: { ...env },
    __VU: vu.idInInstance,
    console: {
      log: log('info'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      debug: log('debug'),
    },
    open: () => {
      throw new Error(
        vu.phase === 'init'
          ? 'the doubles do not model open()'
          : 'open() can only be used in the init context',
      );
    },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    crypto: {
      getRandomValues: <T>(a: T): T => a,
      randomUUID: () => '00000000-0000-4000-8000-000000000000',
    },
  });
  g['global'] = g;
  return context;
}

export interface K6VmVu {
  readonly state: K6VuState;
  readonly exports: Record<string, unknown>;
  /**
   * The VU joins a scenario (internal/js/runner.go `Activate`): `__ENV` becomes the run's
   * environment with the scenario's `env` over it.
   */
  activate(scenarioEnv: Record<string, string>): void;
  /** Runs exported function `name` as one iteration (`__ITER`, ids and cookie jar as k6 sets them). */
  iterate(name: string, iterationInScenario: number): Promise<void>;
}

/** Runs the init code for one VU: fails with the name of any global k6 would not have. */
export function k6VmVu(
  compiled: string,
  world: K6World,
  state: K6VuState,
  env: Record<string, string> = {},
): K6VmVu {
  const context = k6Context(world, state, env);
  let exports: Record<string, unknown>;
  try {
    const fn = runInContext(compiled, context) as (m: unknown) => Record<string, unknown>;
    exports = fn(k6ModuleDoubles(world, state));
  } catch (e) {
    const name = missingGlobal(e);
    throw name ? new Error(`at init, the script reads ${name}, which k6 v1.x does not provide`) : e;
  }
  return {
    state,
    exports,
    activate(scenarioEnv) {
      (runInContext('globalThis', context) as Record<string, unknown>)['__ENV'] = {
        ...env,
        ...scenarioEnv,
      };
    },
    async iterate(name, iterationInScenario) {
      const fn = exports[name];
      if (typeof fn !== 'function') throw new Error(`function '${name}' not found in exports`);
      state.phase = 'iteration';
      state.iterationInScenario = iterationInScenario;
      (runInContext('globalThis', context) as Record<string, unknown>)['__ITER'] =
        iterationInScenario;
      // lib/../js/runner.go: a new cookie jar for every iteration unless noCookiesReset.
      if (world.options.noCookiesReset !== true) state.jar = undefined;
      try {
        await (fn as () => unknown)();
        // internal/js/runner.go: every iteration that was not cut ends with these two samples.
        world.emit({ metric: 'iterations', kind: 'counter', value: 1, tags: { ...state.tags } });
        world.emit({
          metric: 'iteration_duration',
          kind: 'trend',
          value: 0,
          tags: { ...state.tags },
        });
      } catch (e) {
        const missing = missingGlobal(e);
        throw missing
          ? new Error(`in ${name}(), the script reads ${missing}, which k6 v1.x does not provide`)
          : e;
      }
    },
  };
}
