import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatGaugeValue,
  formatMs,
  formatPercent,
  formatTimestamp,
  trimFixed,
} from '../../reports/render/format.js';

describe('format', () => {
  it.each([
    [0, '0s'],
    [0.512, '512µs'],
    [21.3, '21.3ms'],
    [40, '40ms'],
    [999.994, '999.99ms'],
    [1250, '1.25s'],
    [123_500, '2m3.5s'],
  ])('formatMs(%d) is %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it.each([
    [999, '999 B'],
    [1234, '1.2 kB'],
    [41_000, '41 kB'],
    [1_230_000, '1.2 MB'],
    [8e9, '8.0 GB'],
  ])('formatBytes(%d) is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('formats percentages, trims decimals and timestamps', () => {
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(trimFixed(41.1)).toBe('41.1');
    expect(trimFixed(40)).toBe('40');
    expect(trimFixed(NaN)).toBe('-');
    expect(formatTimestamp('2025-01-02T03:04:05.678Z')).toBe('2025-01-02 03:04:05 UTC');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });
});

describe('formatGaugeValue', () => {
  it("gives the generator's own gauges their units, and leaves VU counts plain", () => {
    expect(formatGaugeValue('generator_event_loop_lag', 11.84)).toBe('11.84ms');
    expect(formatGaugeValue('generator_cpu', 37.45)).toBe('37.5%');
    expect(formatGaugeValue('vus', 20)).toBe('20');
    expect(formatGaugeValue('queue_depth', 3.5)).toBe('3.5');
  });
});
