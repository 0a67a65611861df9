/**
 * Globals of Node.js (and browsers) that k6 v1.x does not define: a script that reads one fails
 * in k6 with a ReferenceError, at init or in the middle of the test. The bundler swaps each for a
 * marker so the export can name it before k6 ever runs. `process.env` is mapped onto k6's
 * `__ENV` instead, so the usual `process.env.DATABASE_URL` at a scenario's top level still works.
 */
const MISSING_ON_K6 = [
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
  'TextDecoder',
  'TextEncoder',
  'URL',
  'URLSearchParams',
  'fetch',
  'AbortController',
  'structuredClone',
  'queueMicrotask',
  'performance',
  'atob',
  'btoa',
] as const;

const MARKER = '__loadrig_not_on_k6_';

export const NODE_GLOBAL_DEFINES: Record<string, string> = {
  'process.env': '__ENV',
  ...Object.fromEntries(MISSING_ON_K6.map((g) => [g, `${MARKER}${g}`])),
};

/** The missing globals a bundled script still reads (`typeof x` guards are fine in k6). */
export function nodeGlobalsUsed(script: string): string[] {
  const found = new Set<string>();
  for (const m of script.matchAll(new RegExp(`(typeof\\s+)?\\b${MARKER}(\\w+)`, 'g'))) {
    if (m[1] === undefined) found.add(m[2] as string);
  }
  return [...found];
}
