import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCwd, checkNodeScript } from '../../../harness/providers/local-start-checks.js';
import { target } from '../../../targets/target.js';

describe('local start checks', () => {
  it('names a missing compiled script and says to build', () => {
    const spec = target({ name: 'api', command: [process.execPath, '/nowhere/dist/server.js'] });
    expect(() => checkNodeScript(spec, tmpdir())).toThrow(
      expect.objectContaining({
        code: 'E_TARGET_START',
        message: 'target "api" runs the script /nowhere/dist/server.js, which does not exist',
        hint: 'it is compiled output: run `npm run build` first',
      }),
    );
  });

  it('resolves a relative script from cwd and leaves other commands alone', () => {
    const relative = target({ name: 'api', command: ['node', 'missing.mjs'] });
    expect(() => checkNodeScript(relative, tmpdir())).toThrow(join(tmpdir(), 'missing.mjs'));
    for (const command of [['python3', 'missing.js'], ['node', '--import', 'tsx'], 'node x.js']) {
      expect(() => checkNodeScript(target({ name: 'api', command }), tmpdir())).not.toThrow();
    }
  });

  it('rejects a cwd that is not a directory', () => {
    const spec = target({ name: 'api', command: ['node'] });
    expect(() => checkCwd(spec, '/no/such/dir')).toThrow(
      expect.objectContaining({
        code: 'E_TARGET_START',
        message: expect.stringContaining('/no/such/dir'),
      }),
    );
    expect(() => checkCwd(spec, tmpdir())).not.toThrow();
  });
});
