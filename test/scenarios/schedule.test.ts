import { describe, expect, it } from 'vitest';
import { constantRate, ramp, soak, spike } from '../../scenarios/profile.js';
import { maxVus, profileDurationMs, vusAt, withDuration } from '../../scenarios/schedule.js';

describe('VU schedules', () => {
  it('a ramp from 0 to 50 VUs over 10 s yields 5 more VUs each second', () => {
    const profile = ramp({ to: 50, rampUp: '10s', hold: '5s' });
    const perSecond = Array.from({ length: 16 }, (_, s) => vusAt(profile, s * 1000));
    expect(perSecond).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50, 50, 50, 50, 0]);
    expect(profileDurationMs(profile)).toBe(15_000);
    expect(maxVus(profile)).toBe(50);
  });

  it('ramps down to zero over the ramp-down stage', () => {
    const profile = ramp({ to: 20, rampUp: '2s', hold: '2s', rampDown: '4s' });
    expect([4000, 5000, 6000, 7000, 7999].map((t) => vusAt(profile, t))).toEqual([
      20, 15, 10, 5, 0,
    ]);
  });

  it('a spike jumps from baseline to peak within a second and drops back', () => {
    const profile = spike({ baseline: 5, peak: 50, before: '10s', hold: '5s', after: '10s' });
    expect(vusAt(profile, 5000)).toBe(5);
    expect(vusAt(profile, 11_000)).toBe(50);
    expect(vusAt(profile, 14_000)).toBe(50);
    expect(vusAt(profile, 17_500)).toBe(5);
    expect(profileDurationMs(profile)).toBe(27_000);
  });

  it('a soak holds its VUs for the whole duration', () => {
    const profile = soak({ vus: 30, duration: '2h' });
    expect(vusAt(profile, 0)).toBe(30);
    expect(vusAt(profile, 3_600_000)).toBe(30);
    expect(profileDurationMs(profile)).toBe(7_200_000);
  });

  it('--duration rescales the timeline and keeps its shape', () => {
    const profile = withDuration(ramp({ to: 10, rampUp: '10s', hold: '20s' }), 3000);
    expect(profile.stages.map((s) => s.durationMs)).toEqual([1000, 2000]);
    expect(withDuration(constantRate({ rate: 100, duration: '1m' }), 5000).durationMs).toBe(5000);
  });

  it('constantRate defaults its VU pool from the rate', () => {
    const profile = constantRate({ rate: 200, duration: '30s' });
    expect(profile).toMatchObject({
      ratePerSec: 200,
      durationMs: 30_000,
      preAllocatedVus: 20,
      maxVus: 200,
    });
  });
});
