import { describe, expect, it } from 'vitest';
import { postgres, redis, scenario, soak, target, TargetSpecError } from '../../index.js';
import { LoadrigError, type ErrorIssue } from '../../core/errors.js';
import { problemsOf } from '../../core/validation/carried-problems.js';
import { inLoadScope } from '../../core/validation/load-scope.js';

const loose = <T>(builder: (o: never) => T, options: Record<string, unknown>): T =>
  builder(options as never);

/** The issues a declaration throws when called on its own. */
function thrown(declare: () => unknown): readonly ErrorIssue[] {
  try {
    declare();
  } catch (e) {
    expect(e).toBeInstanceOf(TargetSpecError);
    return (e as TargetSpecError).issues;
  }
  throw new Error('declared without error');
}
const lines = (issues: readonly ErrorIssue[]) => issues.map((i) => `${i.path}: ${i.message}`);

describe('target specs refuse unknown fields, naming the nearest valid one', () => {
  it.each([
    [
      'a local target',
      () => loose(target, { name: 'api', command: ['node', 's.js'], healthPath: '/h' }),
      'target.healthPath: unknown field; did you mean health?',
    ],
    [
      'its health object',
      () => loose(target, { name: 'api', command: 'x', health: { path: '/h', timout: '5s' } }),
      'target.health.timout: unknown field; did you mean timeout?',
    ],
    [
      'its metrics',
      () => loose(target, { name: 'api', command: 'x', metrics: { agnet: true } }),
      'target.metrics.agnet: unknown field; did you mean agent?',
    ],
    [
      'its stop grace',
      () => loose(target, { name: 'api', command: 'x', stopGrace: 'soon' }),
      "target.stopGrace: \"soon\" is not a duration; write a number of milliseconds or a string such as '500ms', '30s', '2m', '1h30m'",
    ],
    [
      'a container target',
      () => loose(target, { name: 'api', image: 'x', replica: 2 }),
      'target.replica: unknown field; did you mean replicas?',
    ],
    [
      'its resources',
      () => loose(target, { name: 'api', image: 'x', resources: { memoryMB: 512 } }),
      'target.resources.memoryMB: unknown field; did you mean memoryMb?',
    ],
    [
      'its log health check',
      () => loose(target, { name: 'api', image: 'x', health: { log: 'up', time: 2 } }),
      'target.health.time: unknown field; did you mean times?',
    ],
    [
      'its build',
      () => loose(target, { name: 'api', build: { context: '.', dockerFile: 'D' } }),
      'target.build.dockerFile: unknown field; did you mean dockerfile?',
    ],
    [
      'postgres()',
      () => loose(postgres, { pasword: 'x' }),
      'postgres.pasword: unknown field; did you mean password?',
    ],
    [
      'its seed',
      () => loose(postgres, { seed: { files: 'a.sql' } }),
      'postgres.seed.files: unknown field; did you mean file?',
    ],
    [
      'redis()',
      () => loose(redis, { readyTimout: '5s' }),
      'redis.readyTimout: unknown field; did you mean readyTimeout?',
    ],
  ])('%s', (_, declare, expected) => {
    expect(lines(thrown(declare))).toContain(expected);
  });

  it('reports every problem of a target at once, its own and its dependencies', () => {
    expect(lines(thrown(() => loose(target, { name: 'a b', command: [], porrt: 1 })))).toEqual([
      'target.name: letters, digits, ".", "_" or "-"',
      'target.command: Too small: expected array to have >=1 items',
      'target.porrt: unknown field; did you mean port?',
    ]);
  });
});

describe('inside a scenario file being loaded', () => {
  it('target() and its dependencies hand their problems on to scenario(), which lists them all', async () => {
    const { outcome } = await inLoadScope(async () =>
      scenario({
        name: 'x',
        target: loose(target, {
          name: 'api',
          image: 'x',
          healthPath: '/h',
          dependencies: [loose(postgres, { pasword: 'x' }), redis()],
        }),
        profile: loose(soak, { vu: 1, duration: '1s' }),
        flow: async () => {},
      }),
    );
    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason as LoadrigError;
    expect(LoadrigError.is(error)).toBe(true);
    expect(lines(error.issues)).toEqual([
      'profile.vus: missing; expected number',
      'profile.vu: unknown field; did you mean vus?',
      'target.dependencies.0.pasword: unknown field; did you mean password?',
      'target.healthPath: unknown field; did you mean health?',
    ]);
  });

  it('a valid target is the same spec as outside', async () => {
    const { outcome } = await inLoadScope(async () => target({ name: 'api', command: 'x' }));
    expect(outcome).toEqual({ status: 'fulfilled', value: target({ name: 'api', command: 'x' }) });
    expect(problemsOf(target({ name: 'api', command: 'x' }))).toBeUndefined();
  });
});
