import { describe, expect, it } from 'vitest';
import { closestName, editDistance, suggestion } from '../../../core/validation/closest-name.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['gracefullStop', 'gracefulStop', 1],
    ['threshold', 'thresholds', 1],
  ])('%s → %s: %i edits', (a, b, edits) => {
    expect(editDistance(a, b)).toBe(edits);
    expect(editDistance(b, a)).toBe(edits);
  });
});

describe('closestName', () => {
  const profileKeys = ['rate', 'duration', 'preAllocatedVUs', 'maxVUs'];
  const scenarioKeys = [
    'name',
    'target',
    'profile',
    'flow',
    'thresholds',
    'gracefulStop',
    'warmup',
  ];
  const targetKeys = ['name', 'command', 'port', 'health', 'stopGrace', 'env', 'cwd'];
  const exports = ['ramp', 'rampingVus', 'scenario', 'scenarios', 'status', 'soak', 'spike'];

  it.each([
    // another case first, however far the edit distance
    ['preAllocatedVus', profileKeys, 'preAllocatedVUs'],
    ['maxvus', profileKeys, 'maxVUs'],
    // a typo: a letter added, dropped, swapped or changed
    ['gracefullStop', scenarioKeys, 'gracefulStop'],
    ['threshold', scenarioKeys, 'thresholds'],
    ['duraton', profileKeys, 'duration'],
    ['taget', scenarioKeys, 'target'],
    ['statuss', exports, 'status'],
    ['rampUp', exports, 'ramp'],
    // a valid name the input starts with, or the one valid name that starts with the input
    ['healthPath', targetKeys, 'health'],
    ['latency.p99', ['generator', 'latency.p99-tail', 'latency.max-outlier'], 'latency.p99-tail'],
  ])('%s → %s', (input, valid, expected) => {
    expect(closestName(input, valid)).toBe(expected);
  });

  it.each([
    ['xyz', scenarioKeys],
    ['timeout', scenarioKeys],
    ['a', ['b', 'c']],
    // two valid names start with it: no guess
    ['scen', exports],
    ['', exports],
  ])('%s → no suggestion', (input, valid) => {
    expect(closestName(input, valid)).toBeUndefined();
  });

  it('never suggests the name itself', () => {
    expect(closestName('ramp', ['ramp'])).toBeUndefined();
  });
});

describe('suggestion', () => {
  it('asks about the nearest name, or lists the valid ones', () => {
    expect(suggestion('rampup', ['rampUp', 'hold'])).toBe('did you mean rampUp?');
    expect(suggestion('zzz', ['rampUp', 'hold'], 'valid fields')).toBe(
      'valid fields: rampUp, hold',
    );
  });
});
