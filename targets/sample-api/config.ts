import type { ModeSettings } from './modes/mode.js';

/**
 * The sample API's configuration, read from its environment. Modes are the behaviours the
 * bundled target can show (each implemented in modes/<mode>.ts, where its mechanism is
 * described); they apply to every route but /health.
 */
export const SAMPLE_API_MODES = [
  'healthy',
  'leak',
  'gc',
  'block',
  'cpu',
  'pool',
  'periodic-block',
] as const;
export type SampleApiMode = (typeof SAMPLE_API_MODES)[number];

export const MAX_DELAY_MS = 60_000;
const DEFAULT_DELAY_MS = 20;

export interface SampleApiConfig {
  host: string;
  /** 0 lets the OS pick one (the listening line shows which). */
  port: number;
  mode: SampleApiMode;
  /** What `GET /delay` waits without `?ms=`. */
  defaultDelayMs: number;
  modeSettings: ModeSettings;
  /** Processes serving the port (node:cluster workers); 1 serves from the process itself. */
  workers: number;
}

export const MAX_WORKERS = 64;

/** Mode knobs: environment variable, default, and the smallest value that makes sense. */
const KNOBS = {
  leakBytesPerRequest: ['LEAK_BYTES_PER_REQUEST', 16_384, 8],
  gcEvery: ['GC_EVERY', 10, 1],
  gcAllocMb: ['GC_ALLOC_MB', 16, 1],
  blockEvery: ['BLOCK_EVERY', 10, 1],
  blockMs: ['BLOCK_MS', 100, 1],
  periodicBlockMs: ['PERIODIC_BLOCK_MS', 300, 1],
  periodicBlockEveryMs: ['PERIODIC_BLOCK_EVERY_MS', 3000, 100],
  cpuMs: ['CPU_MS', 5, 1],
  poolSize: ['POOL_SIZE', 4, 1],
  poolHoldMs: ['POOL_HOLD_MS', 20, 1],
} as const satisfies Record<string, [string, number, number]>;

function parseModeSettings(
  env: Record<string, string | undefined>,
  problems: string[],
): ModeSettings {
  const settings: Record<string, number> = {};
  for (const [key, [name, fallback, min]] of Object.entries(KNOBS)) {
    const text = env[name]?.trim();
    const value = text === undefined || text === '' ? fallback : Number(text);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} "${text}" is not a whole number >= ${min} (default ${fallback})`);
    }
    settings[key] = value;
  }
  const url = env.POOL_DATABASE_URL?.trim();
  return {
    ...(settings as Omit<ModeSettings, 'poolDatabaseUrl'>),
    ...(url ? { poolDatabaseUrl: url } : {}),
  };
}

export class SampleApiConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SampleApiConfigError';
  }
}

/** A whole number of milliseconds in 0..MAX_DELAY_MS, or an explanation of why not. */
export function parseDelayMs(text: string): number | { error: string } {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (Number.isNaN(value)) return { error: `"${text}" is not a whole number of milliseconds` };
  if (value > MAX_DELAY_MS)
    return { error: `${value} ms is above the limit of ${MAX_DELAY_MS} ms` };
  return value;
}

const isMode = (value: string): value is SampleApiMode =>
  (SAMPLE_API_MODES as readonly string[]).includes(value);

/** Reads PORT (required), HOST, SAMPLE_API_MODE, DELAY_MS, WORKERS and the mode knobs; reports every problem at once. */
export function parseSampleApiConfig(env: Record<string, string | undefined>): SampleApiConfig {
  const problems: string[] = [];
  const portText = env.PORT?.trim() ?? '';
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (portText === '') problems.push('PORT is required (the port to listen on)');
  else if (!(port >= 0 && port <= 65535))
    problems.push(`PORT "${env.PORT}" is not a port in 0..65535`);

  const modeText = env.SAMPLE_API_MODE?.trim() || 'healthy';
  if (!isMode(modeText)) {
    problems.push(
      `SAMPLE_API_MODE "${modeText}" is unknown; valid modes: ${SAMPLE_API_MODES.join(', ')}`,
    );
  }

  const delay = env.DELAY_MS === undefined ? DEFAULT_DELAY_MS : parseDelayMs(env.DELAY_MS);
  if (typeof delay !== 'number') problems.push(`DELAY_MS: ${delay.error}`);
  const modeSettings = parseModeSettings(env, problems);
  const workersText = env.WORKERS?.trim() || '1';
  const workers = /^\d+$/.test(workersText) ? Number(workersText) : NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS)) {
    problems.push(`WORKERS "${env.WORKERS}" is not a whole number from 1 to ${MAX_WORKERS}`);
  }

  if (problems.length > 0 || !isMode(modeText) || typeof delay !== 'number') {
    throw new SampleApiConfigError(problems);
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    mode: modeText,
    defaultDelayMs: delay,
    modeSettings,
    workers,
  };
}
