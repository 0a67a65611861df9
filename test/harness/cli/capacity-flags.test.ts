import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLOSED_STEPS,
  fitRulesFromFlags,
  stepPlanFromFlags,
} from '../../../harness/cli/commands/capacity-flags.js';
import { settingSweep, withSetting } from '../../../harness/cli/commands/sweep-flags.js';
import { externalTarget } from '../../../targets/target.js';
import { sampleApi } from '../../../targets/sample-api/index.js';

describe('capacity flags', () => {
  it('steps VUs by default, arrivals with --step-rate, with the steadiness rule and durations', () => {
    expect(stepPlanFromFlags({})).toEqual({
      model: 'closed',
      levels: DEFAULT_CLOSED_STEPS,
      stepDurationMs: 30_000,
      steadiness: { windowSeconds: 5, cvBound: 0.05 },
      measureSeconds: 10,
    });
    expect(
      stepPlanFromFlags({
        stepRate: '50,100.5,200',
        stepDuration: '20s',
        measure: '8s',
        steadyWindow: '4s',
        steadyCv: '0.1',
      }),
    ).toEqual({
      model: 'open',
      levels: [50, 100.5, 200],
      stepDurationMs: 20_000,
      steadiness: { windowSeconds: 4, cvBound: 0.1 },
      measureSeconds: 8,
    });
  });

  it('refuses what cannot be run, naming the flag and an example', () => {
    expect(() => stepPlanFromFlags({ steps: '1,2', stepRate: '5' })).toThrow(/both given/);
    expect(() => stepPlanFromFlags({ steps: '4,2' })).toThrow(/--steps 4,2 is not a rising list/);
    expect(() => stepPlanFromFlags({ steps: '1,2.5' })).toThrow(/bad: 2\.5/);
    expect(() => stepPlanFromFlags({ stepDuration: '5s', measure: '10s' })).toThrow(
      /no time to settle/,
    );
    expect(() => stepPlanFromFlags({ steadyCv: '2' })).toThrow(
      /--steady-cv 2 is not a number from 0.001 to 1/,
    );
    expect(() => fitRulesFromFlags({ resamples: '5' })).toThrow(/--resamples 5/);
    expect(fitRulesFromFlags({ minR2: '0.8', seed: '7' })).toMatchObject({
      minRSquared: 0.8,
      seed: 7,
    });
  });
});

describe('--sweep', () => {
  it('sets an environment variable of the target at each value, sorted', () => {
    const sweep = settingSweep('env.WORKERS=2,1');
    expect(sweep).toMatchObject({ setting: 'env.WORKERS', values: [1, 2] });
    const spec = withSetting(
      sampleApi({ env: { SAMPLE_API_MODE: 'cpu' } }),
      ['env', 'WORKERS'],
      2,
      'env.WORKERS',
    );
    expect(spec.kind === 'local' && spec.env).toEqual({ SAMPLE_API_MODE: 'cpu', WORKERS: '2' });
  });

  it('sets an existing numeric field, and refuses unknown fields and external targets', () => {
    const spec = withSetting(sampleApi(), ['port'], 8080, 'port');
    expect(spec.kind === 'local' && spec.port).toBe(8080);
    expect(() => withSetting(sampleApi(), ['resources', 'cpus'], 2, 'resources.cpus')).toThrow(
      /has no numeric field resources.cpus/,
    );
    expect(() =>
      withSetting(externalTarget('http://127.0.0.1:1'), ['env', 'X'], 1, 'env.X'),
    ).toThrow(/external URL/);
    expect(() => settingSweep('WORKERS')).toThrow(/not <setting>=<number>/);
    expect(() => settingSweep('env.W=1,x')).toThrow(/not <setting>=<number>/);
    expect(() => settingSweep('env.W=1,1')).toThrow(/repeats a value/);
  });
});
