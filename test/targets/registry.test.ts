import { describe, expect, it } from 'vitest';
import { bundledTargets, resolveTarget } from '../../targets/registry.js';
import { externalTarget, target } from '../../targets/target.js';

describe('resolveTarget', () => {
  it('turns an http(s) URL into an external target', () => {
    expect(resolveTarget('http://127.0.0.1:8080/')).toEqual({
      kind: 'external',
      name: '127.0.0.1:8080',
      baseUrl: 'http://127.0.0.1:8080',
    });
    expect(resolveTarget('https://api.example.test').kind).toBe('external');
  });

  it('turns a bundled name into its spec', () => {
    const spec = resolveTarget('sample-api');
    expect(spec).toMatchObject({ kind: 'local', name: 'sample-api', port: 0 });
    expect(spec).toEqual(bundledTargets['sample-api']());
  });

  it('passes a spec through untouched', () => {
    const local = target({ name: 'mine', command: 'node server.js' });
    const external = externalTarget('http://127.0.0.1:9000');
    expect(resolveTarget(local)).toBe(local);
    expect(resolveTarget(external)).toBe(external);
  });

  it.each(['nope', 'localhost:8080', 'ftp://127.0.0.1/', 'toString', ''])(
    'rejects %j listing the valid names and saying a URL works',
    (ref) => {
      expect(() => resolveTarget(ref)).toThrow(
        expect.objectContaining({
          code: 'E_TARGET_UNKNOWN',
          message: `unknown target "${ref}": not a bundled target (sample-api) nor an http(s) URL`,
          hint: expect.stringMatching(/sample-api.*URL.*http:\/\/127\.0\.0\.1/) as string,
        }),
      );
    },
  );
});
