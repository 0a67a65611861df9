import { describe, expect, it } from 'vitest';
import {
  MAX_DELAY_MS,
  parseDelayMs,
  parseSampleApiConfig,
} from '../../../targets/sample-api/config.js';

describe('parseSampleApiConfig', () => {
  it('defaults host, mode and delay; PORT is required', () => {
    expect(parseSampleApiConfig({ PORT: '8080' })).toEqual({
      host: '127.0.0.1',
      port: 8080,
      mode: 'healthy',
      defaultDelayMs: 20,
      modeSettings: {
        leakBytesPerRequest: 16_384,
        gcEvery: 10,
        gcAllocMb: 16,
        blockEvery: 10,
        blockMs: 100,
        periodicBlockMs: 300,
        periodicBlockEveryMs: 3000,
        cpuMs: 5,
        poolSize: 4,
        poolHoldMs: 20,
      },
      workers: 1,
    });
    expect(() => parseSampleApiConfig({})).toThrow('PORT is required');
  });

  it('reads HOST, SAMPLE_API_MODE and DELAY_MS', () => {
    expect(
      parseSampleApiConfig({ PORT: '0', HOST: '::1', SAMPLE_API_MODE: 'healthy', DELAY_MS: '5' }),
    ).toMatchObject({ host: '::1', port: 0, mode: 'healthy', defaultDelayMs: 5 });
  });

  it('reads the mode knobs and the pool database URL', () => {
    const config = parseSampleApiConfig({
      PORT: '0',
      SAMPLE_API_MODE: 'pool',
      POOL_SIZE: '2',
      POOL_HOLD_MS: '50',
      BLOCK_MS: '30',
      POOL_DATABASE_URL: 'postgres://127.0.0.1/x',
    });
    expect(config.mode).toBe('pool');
    expect(config.modeSettings).toMatchObject({
      poolSize: 2,
      poolHoldMs: 50,
      blockMs: 30,
      poolDatabaseUrl: 'postgres://127.0.0.1/x',
    });
  });

  it('reads WORKERS (cluster mode) from 1 to 64', () => {
    expect(parseSampleApiConfig({ PORT: '0', WORKERS: '2' }).workers).toBe(2);
    expect(() => parseSampleApiConfig({ PORT: '0', WORKERS: '0' })).toThrow(
      'WORKERS "0" is not a whole number from 1 to 64',
    );
    expect(() => parseSampleApiConfig({ PORT: '0', WORKERS: 'two' })).toThrow('WORKERS "two"');
  });

  it('reads the periodic block knobs; a period under 100 ms is refused', () => {
    expect(
      parseSampleApiConfig({
        PORT: '0',
        SAMPLE_API_MODE: 'periodic-block',
        PERIODIC_BLOCK_MS: '200',
        PERIODIC_BLOCK_EVERY_MS: '5000',
      }),
    ).toMatchObject({
      mode: 'periodic-block',
      modeSettings: { periodicBlockMs: 200, periodicBlockEveryMs: 5000 },
    });
    expect(() => parseSampleApiConfig({ PORT: '0', PERIODIC_BLOCK_EVERY_MS: '50' })).toThrow(
      'PERIODIC_BLOCK_EVERY_MS "50" is not a whole number >= 100 (default 3000)',
    );
  });

  it('rejects knobs that are not whole numbers at or above their minimum', () => {
    expect(() => parseSampleApiConfig({ PORT: '0', POOL_SIZE: '0', CPU_MS: 'abc' })).toThrow(
      'CPU_MS "abc" is not a whole number >= 1 (default 5); POOL_SIZE "0" is not a whole number >= 1 (default 4)',
    );
  });

  it('reports every problem at once, naming the valid modes', () => {
    expect(() =>
      parseSampleApiConfig({ PORT: '70000', SAMPLE_API_MODE: 'leaky', DELAY_MS: '-1' }),
    ).toThrow(
      'PORT "70000" is not a port in 0..65535; ' +
        'SAMPLE_API_MODE "leaky" is unknown; valid modes: healthy, leak, gc, block, cpu, pool, periodic-block; ' +
        'DELAY_MS: "-1" is not a whole number of milliseconds',
    );
  });
});

describe('parseDelayMs', () => {
  it.each([
    ['0', 0],
    ['20', 20],
    [String(MAX_DELAY_MS), MAX_DELAY_MS],
  ])('accepts %s', (text, ms) => {
    expect(parseDelayMs(text)).toBe(ms);
  });

  it.each([
    ['abc', '"abc" is not a whole number of milliseconds'],
    ['1.5', '"1.5" is not a whole number of milliseconds'],
    ['', '"" is not a whole number of milliseconds'],
    ['60001', '60001 ms is above the limit of 60000 ms'],
  ])('rejects %j: %s', (text, error) => {
    expect(parseDelayMs(text)).toEqual({ error });
  });
});
