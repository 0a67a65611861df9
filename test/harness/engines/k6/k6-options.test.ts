import { describe, expect, it } from 'vitest';
import { k6Options } from '../../../../harness/engines/k6/k6-options.js';
import { constantArrivalRate, rampingVus } from '../../../../scenarios/executors.js';
import { breakpoint, scenarios } from '../../../../scenarios/profile.js';

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
