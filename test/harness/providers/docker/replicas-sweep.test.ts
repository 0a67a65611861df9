import { describe, expect, it } from 'vitest';
import {
  parseReplicasFlag,
  withReplicas,
} from '../../../../harness/cli/commands/replicas-sweep.js';
import { scenario, soak, target } from '../../../../index.js';

describe('--replicas', () => {
  it('parses distinct counts from 1 to 64', () => {
    expect(parseReplicasFlag('1,2,4')).toEqual([1, 2, 4]);
    expect(parseReplicasFlag(' 8 ')).toEqual([8]);
    for (const bad of ['0', '1,1', 'two', '1,,2', '65', '1.5']) {
      expect(() => parseReplicasFlag(bad), bad).toThrow(/--replicas/);
    }
  });

  const flow = async (): Promise<void> => {};
  it('sets the container target replica count and names the run after it', () => {
    const base = scenario({
      name: 'api',
      target: target({ name: 'api', image: 'x' }),
      profile: soak({ vus: 1, duration: '1s' }),
      flow,
    });
    const two = withReplicas(base, 2);
    expect(two.name).toBe('api-2x');
    expect(two.target).toMatchObject({ kind: 'docker', replicas: 2 });
  });

  it('needs a container target', () => {
    const local = scenario({
      name: 'api',
      target: 'sample-api',
      profile: soak({ vus: 1, duration: '1s' }),
      flow,
    });
    expect(() => withReplicas(local, 2)).toThrow(/needs a container target/);
  });
});
