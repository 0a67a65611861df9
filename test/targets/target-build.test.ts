import { describe, expect, it } from 'vitest';
import { TargetSpecError, target } from '../../targets/target.js';

describe('a local target’s build command', () => {
  it('is kept as given (argv or a shell string) and absent when not set', () => {
    expect(
      target({ name: 'api', command: ['node', 'dist/server.js'], build: ['npm', 'run', 'build'] })
        .build,
    ).toEqual(['npm', 'run', 'build']);
    expect(target({ name: 'api', command: 'node server.js', build: 'make server' }).build).toBe(
      'make server',
    );
    expect('build' in target({ name: 'api', command: ['node', 'server.js'] })).toBe(false);
  });

  it('keeps the target local: only an object build ({ context }) makes a container target', () => {
    expect(
      target({ name: 'api', command: ['node', 'server.js'], build: 'npm run build' }).kind,
    ).toBe('local');
    expect(target({ name: 'api', build: { context: '.' } }).kind).toBe('docker');
  });

  it('rejects an empty command with its path', () => {
    try {
      target({ name: 'api', command: ['node', 'server.js'], build: '  ' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TargetSpecError);
      expect((e as TargetSpecError).issues[0]!.path).toBe('target.build');
    }
    expect(() => target({ name: 'api', command: ['node', 'server.js'], build: [] })).toThrow(
      /target\.build/,
    );
  });
});
