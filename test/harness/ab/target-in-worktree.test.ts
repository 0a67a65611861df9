import { describe, expect, it } from 'vitest';
import { targetInWorktree } from '../../../harness/ab/target-in-worktree.js';
import { target } from '../../../targets/target.js';

const place = { top: '/repo', worktree: '/tmp/ab/base', cwd: '/repo/services' };

describe('a target moved into a ref’s worktree', () => {
  it('starts where `loadrig run` would, inside the worktree', () => {
    const none = targetInWorktree(target({ name: 'api', command: ['node', 'server.js'] }), place);
    expect(none).toMatchObject({ kind: 'local', cwd: '/tmp/ab/base/services' });
    const rel = targetInWorktree(
      target({ name: 'api', command: ['node', 'server.js'], cwd: '../api' }),
      place,
    );
    expect(rel).toMatchObject({ cwd: '/tmp/ab/base/api' });
  });

  it('moves absolute paths into the repository, in cwd, command and build', () => {
    const spec = target({
      name: 'api',
      command: ['node', '/repo/api/dist/server.js', '--port=0'],
      cwd: '/repo/api',
      build: ['npm', '--prefix', '/repo/api', 'run', 'build'],
    });
    expect(targetInWorktree(spec, place)).toMatchObject({
      cwd: '/tmp/ab/base/api',
      command: ['node', '/tmp/ab/base/api/dist/server.js', '--port=0'],
      build: ['npm', '--prefix', '/tmp/ab/base/api', 'run', 'build'],
    });
  });

  it('refuses what would run the same thing on both sides, saying why', () => {
    expect(() => targetInWorktree('http://127.0.0.1:8080', place)).toThrow(/it is a URL/);
    expect(() =>
      targetInWorktree(
        target({ name: 'api', command: ['node', 'server.js'], cwd: '/srv/api' }),
        place,
      ),
    ).toThrow(/outside the repository/);
    expect(() => targetInWorktree(target({ name: 'api', image: 'api:1.4' }), place)).toThrow(
      /runs the image api:1.4/,
    );
  });

  it('resolves a container build context inside the worktree', () => {
    const spec = targetInWorktree(target({ name: 'api', build: { context: 'docker' } }), place);
    expect(spec.kind === 'docker' && spec.source).toMatchObject({
      kind: 'build',
      context: '/tmp/ab/base/services/docker',
    });
  });
});
