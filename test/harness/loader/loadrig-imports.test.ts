import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOADRIG_EXPORTS, unknownLoadrigImports } from '../../../harness/loader/loadrig-imports.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);

describe('imports from loadrig checked before the file runs', () => {
  it('knows what loadrig exports at run time (types are not among them)', () => {
    expect(LOADRIG_EXPORTS).toEqual(
      expect.arrayContaining(['scenario', 'ramp', 'status', 'Trend']),
    );
    expect(LOADRIG_EXPORTS).not.toContain('VuContext');
  });

  it('names a misspelt named import, its file and line, and the nearest export', async () => {
    expect(await unknownLoadrigImports(fixture('misspelled-import.ts'))).toEqual([
      {
        path: `import statuss (${join('test/fixtures/scenarios/misspelled-import.ts')}:2)`,
        message: 'loadrig has no export named statuss; did you mean status?',
      },
    ]);
  });

  it('follows the helpers a scenario imports, and namespace imports', async () => {
    const issues = await unknownLoadrigImports(fixture('imports/through-helper.ts'));
    expect(issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual([
      `import bodyContain (${join('test/fixtures/scenarios/imports/helper.ts')}:2): loadrig has no export named bodyContain; did you mean bodyContains?`,
      `import soaks (${join('test/fixtures/scenarios/imports/through-helper.ts')}:10): loadrig has no export named soaks; did you mean soak?`,
    ]);
  });

  it('finds nothing wrong in valid files, and leaves syntax errors to the loader', async () => {
    expect(await unknownLoadrigImports(fixture('valid.ts'))).toEqual([]);
    expect(await unknownLoadrigImports(fixture('k6-flow.ts'))).toEqual([]);
    expect(await unknownLoadrigImports(fixture('syntax-error.ts'))).toEqual([]);
  });
});
