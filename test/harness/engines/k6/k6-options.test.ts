import { describe, expect, it } from 'vitest';
import { flowExportNames } from '../../../../harness/engines/k6/flow-exports.js';
import { k6Options } from '../../../../harness/engines/k6/k6-options.js';
import { constantArrivalRate, rampingVus } from '../../../../scenarios/executors.js';
import { breakpoint, constantRate, scenarios } from '../../../../scenarios/profile.js';

describe('k6 options from a profile', () => {
  it('keeps named scenarios with their executors, start times and tags, durations as k6 strings', () => {
    const options = k6Options({
      name: 'mixed',
      gracefulStopMs: 5000,
      thresholdsSource: { http_req_failed: ['rate<0.01'] },
      profile: scenarios({
        browse: rampingVus({
          startVUs: 0,
          stages: [{ duration: '30s', target: 20 }],
          tags: { kind: 'browse' },
        }),
        buy: constantArrivalRate({
          rate: 5,
          timeUnit: '1s',
          duration: '1m',
          preAllocatedVUs: 5,
          maxVUs: 20,
          startTime: '10s',
        }),
      }),
    });
    expect(options.scenarios['browse']).toMatchObject({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [{ duration: '30000ms', target: 20 }],
      tags: { kind: 'browse' },
    });
    expect(options.scenarios['buy']).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 5,
      timeUnit: '1000ms',
      duration: '60000ms',
      preAllocatedVUs: 5,
      maxVUs: 20,
      startTime: '10000ms',
    });
    expect(options.thresholds).toEqual({ http_req_failed: ['rate<0.01'] });
  });

  it('makes a breakpoint run stop at the first failed threshold, as k6 abortOnFail', () => {
    const options = k6Options({
      name: 'bp',
      gracefulStopMs: 1000,
      thresholdsSource: { http_req_duration: ['p(95)<500'] },
      profile: breakpoint({ to: 1000, duration: '10m' }),
    });
    expect(options.scenarios['default']).toMatchObject({
      executor: 'ramping-arrival-rate',
      stages: [{ duration: '600000ms', target: 1000 }],
    });
    expect(options.thresholds).toEqual({
      http_req_duration: [{ threshold: 'p(95)<500', abortOnFail: true }],
    });
  });
});

describe('k6 rates are whole numbers', () => {
  it.each([
    [2.5, 5, '2000ms'],
    [0.5, 1, '2000ms'],
    [1 / 3, 1, '3000ms'],
    [0.25, 1, '4000ms'],
    [1.2, 6, '5000ms'],
    [40, 40, '1000ms'],
  ])('constantRate %d/s → %d per %s, the same spacing', (rate, whole, timeUnit) => {
    const options = k6Options({
      name: 'r',
      gracefulStopMs: 1000,
      thresholdsSource: {},
      profile: constantRate({ rate, duration: '10s', preAllocatedVUs: 1 }),
    });
    expect(options.scenarios['default']).toMatchObject({ rate: whole, timeUnit });
  });

  it('scales startRate and every stage target of a ramping arrival rate by one multiplier', () => {
    const options = k6Options({
      name: 'bp',
      gracefulStopMs: 1000,
      thresholdsSource: {},
      profile: breakpoint({ from: 0.5, to: 20.25, duration: '1m' }),
    });
    expect(options.scenarios['default']).toMatchObject({
      startRate: 2,
      timeUnit: '4000ms',
      stages: [{ duration: '60000ms', target: 81 }],
    });
  });
});

describe('named flows and the exports k6 runs them by', () => {
  it('gives every flow a distinct identifier k6 can look up, never one of its own exports', () => {
    expect([...flowExportNames(['buy', 'buy-now', 'buy_now', 'default', 'a b']).entries()]).toEqual(
      [
        ['buy', 'flow_buy'],
        ['buy-now', 'flow_buy_now'],
        ['buy_now', 'flow_buy_now_2'],
        ['default', 'flow_default'],
        ['a b', 'flow_a_b'],
      ],
    );
  });
});
