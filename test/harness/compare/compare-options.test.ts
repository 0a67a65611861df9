import { describe, expect, it } from 'vitest';
import {
  compareFailOnOf,
  compareFormatsOf,
  compareSettingsOf,
} from '../../../harness/cli/commands/compare-options.js';

describe('compare flags', () => {
  it('reads --min-effect in percent, with or without the sign', () => {
    expect(compareSettingsOf({ minEffect: '5' }).minEffect).toBeCloseTo(0.05, 12);
    expect(compareSettingsOf({ minEffect: '2.5%' }).minEffect).toBeCloseTo(0.025, 12);
    expect(compareSettingsOf({})).toEqual({
      alpha: 0.05,
      minEffect: 0.05,
      resamples: 2000,
      seed: 1,
    });
  });

  it('refuses values out of range, naming the flag and what it takes', () => {
    expect(() => compareSettingsOf({ alpha: '0.7' })).toThrow('--alpha 0.7 is not valid');
    expect(() => compareSettingsOf({ minEffect: 'lots' })).toThrow(
      '--min-effect lots is not valid',
    );
    expect(() => compareSettingsOf({ resamples: '10' })).toThrow('--resamples 10 is not valid');
    expect(() => compareSettingsOf({ seed: '-1' })).toThrow('--seed -1 is not valid');
    expect(() => compareFailOnOf('critical')).toThrow(/use one of: regression, never/);
    expect(() => compareFormatsOf('html,pdf')).toThrow(/unknown format pdf/);
  });

  it('defaults to every output, and takes a subset in order', () => {
    expect(compareFormatsOf(undefined)).toEqual(['html', 'md', 'json', 'junit']);
    expect(compareFormatsOf('junit, json,junit')).toEqual(['junit', 'json']);
  });
});
