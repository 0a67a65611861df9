import { describe, expect, it } from 'vitest';
import { compileK6Script, initState, k6VmVu } from '../../../helpers/k6/k6-vm.js';
import { K6World } from '../../../helpers/k6/k6-world.js';

// The k6-only context the exported scripts are checked in: it must hold what k6 v1.x gives a
// script and nothing else, or a script that reads a Node.js global would pass.
async function init(body: string, env: Record<string, string> = {}) {
  const world = new K6World();
  const compiled = await compileK6Script(
    `import http from 'k6/http';\nimport { check } from 'k6';\nimport exec from 'k6/execution';\nimport { Counter } from 'k6/metrics';\n${body}`,
  );
  return { world, vu: k6VmVu(compiled, world, initState(1, 7), env) };
}

describe('a k6 v1.x context for exported scripts', () => {
  it.each([
    'process',
    'Buffer',
    'require',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'Intl',
    'WebAssembly',
    'structuredClone',
    'performance',
    'fetch',
  ])('fails at init with the name of %s, which k6 v1.x does not provide', async (name) => {
    await expect(init(`export const x = ${name};\nexport default function () {}`)).rejects.toThrow(
      `at init, the script reads ${name}, which k6 v1.x does not provide`,
    );
  });

  it('fails an iteration that reads one, naming the function and the global', async () => {
    const { vu } = await init(
      'export default function () { return new TextDecoder().decode(new Uint8Array(1)); }',
    );
    await expect(vu.iterate('default', 0)).rejects.toThrow(
      'in default(), the script reads TextDecoder, which k6 v1.x does not provide',
    );
  });

  it("holds k6's own globals and ECMAScript's", async () => {
    const { vu } = await init(
      [
        'export const seen = [typeof __ENV.BASE_URL, typeof __VU, typeof console.log, typeof open, typeof setTimeout,',
        '  typeof clearInterval, typeof crypto, global === globalThis, typeof Promise, typeof Uint8Array, typeof Proxy,',
        '  typeof WeakRef, typeof Intl, typeof SharedArrayBuffer, typeof escape];',
        'export default function () {}',
      ].join('\n'),
      { BASE_URL: 'http://127.0.0.1:1' },
    );
    expect(vu.exports['seen']).toEqual([
      'string',
      'number',
      'function',
      'function',
      'function',
      'function',
      'object',
      true,
      'function',
      'function',
      'function',
      'undefined',
      'undefined',
      'undefined',
      'function',
    ]);
  });

  it("keeps k6's init-context rules: metrics only at init, VU ids and requests only after", async () => {
    await expect(
      init('export const id = exec.vu.idInTest;\nexport default function () {}'),
    ).rejects.toThrow('getting VU information in the init context is not supported');
    const late = await init("export default function () { new Counter('late_one'); }");
    await expect(late.vu.iterate('default', 0)).rejects.toThrow(
      'metrics must be declared in the init context',
    );
  });

  it("refuses a metric name k6's registry refuses", async () => {
    await expect(init("new Counter('x');\nexport default function () {}")).rejects.toThrow(
      "Invalid metric name: 'x'",
    );
  });

  it('refuses a Uint8Array request body, as k6 takes an ArrayBuffer', async () => {
    const { vu, world } = await init(
      [
        'export default async function () {',
        "  await http.asyncRequest('POST', 'http://h/a', new Uint8Array([1, 2]).buffer, {});",
        "  await http.asyncRequest('POST', 'http://h/b', new Uint8Array([1, 2]), {});",
        '}',
      ].join('\n'),
    );
    await expect(vu.iterate('default', 0)).rejects.toThrow('unknown request body type Uint8Array');
    expect(world.calls.map((c) => c['url'])).toEqual(['http://h/a', 'http://h/b']);
  });

  it('gives each VU its own runtime: init runs again and module state is not shared', async () => {
    const world = new K6World();
    const compiled = await compileK6Script(
      "import { Counter } from 'k6/metrics';\nconst c = new Counter('inits');\nlet n = 0;\nexport default function () { n++; c.add(n); }",
    );
    const a = k6VmVu(compiled, world, initState(1, 1));
    const b = k6VmVu(compiled, world, initState(2, 2));
    await a.iterate('default', 0);
    await a.iterate('default', 1);
    await b.iterate('default', 0);
    expect(world.samples.filter((s) => s.metric === 'inits').map((s) => s.value)).toEqual([
      1, 2, 1,
    ]);
  });
});
