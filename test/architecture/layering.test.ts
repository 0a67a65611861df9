import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  circles,
  importGraph,
  violations,
  type ImportGraph,
  type LayerRule,
} from './import-graph.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** DESIGN.md's layers: core <- scenarios, targets <- reports <- harness <- harness/cli. */
export const LAYER_RULES: readonly LayerRule[] = [
  {
    from: /^core\//,
    to: /^(scenarios|targets|reports|harness|bench)\/|^index\.ts$/,
    why: 'core/ imports no other loadrig folder',
  },
  {
    from: /^scenarios\//,
    to: /^(targets|reports|harness|bench)\//,
    why: 'scenarios/ imports only core/',
  },
  {
    from: /^targets\//,
    to: /^(scenarios|reports|harness|bench)\//,
    why: 'targets/ imports only core/',
  },
  { from: /^reports\//, to: /^(harness|bench)\//, why: 'reports/ never imports harness/' },
  { from: /^harness\/(?!cli\/)/, to: /^harness\/cli\//, why: 'harness/cli is the top of harness/' },
  {
    from: /^harness\/engines\//,
    to: /^harness\/providers\//,
    why: 'engines never know the provider',
  },
  {
    from: /^harness\/collectors\//,
    to: /^harness\/engines\//,
    why: 'collectors never know the engine',
  },
  {
    from: /^(core|scenarios|targets|reports|harness)\//,
    to: /^bench\//,
    why: 'nothing ships imports bench/',
  },
];

const SOURCES = ['core', 'scenarios', 'targets', 'reports', 'harness', 'bench', 'index.ts'];

describe('the import layers', () => {
  const graph = importGraph(ROOT, SOURCES);

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('harness/cli/main.ts')).toContain('harness/cli/commands/run-command.ts');
  });

  it('has no import across the allowed direction', () => {
    expect(violations(graph, LAYER_RULES)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });
});

describe('the layer checker', () => {
  const fake: ImportGraph = new Map([
    ['core/a.ts', ['reports/b.ts']],
    ['reports/b.ts', ['core/c.ts']],
    ['core/c.ts', ['core/a.ts']],
    ['scenarios/s.ts', ['targets/t.ts', 'core/c.ts']],
    ['targets/t.ts', []],
    ['harness/lifecycle/x.ts', ['harness/cli/main.ts', 'harness/lifecycle/x.ts']],
    ['harness/cli/main.ts', []],
  ]);

  it('names each import that runs back up, with the rule it breaks', () => {
    expect(violations(fake, LAYER_RULES)).toEqual([
      'core/a.ts -> reports/b.ts (core/ imports no other loadrig folder)',
      'harness/lifecycle/x.ts -> harness/cli/main.ts (harness/cli is the top of harness/)',
      'scenarios/s.ts -> targets/t.ts (scenarios/ imports only core/)',
    ]);
  });

  it('finds circles, including a file that imports itself', () => {
    expect(circles(fake)).toEqual([
      ['core/a.ts', 'core/c.ts', 'reports/b.ts'],
      ['harness/lifecycle/x.ts'],
    ]);
  });
});
