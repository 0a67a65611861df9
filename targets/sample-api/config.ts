/**
 * The sample API's configuration, read from its environment. Modes are the behaviours the
 * bundled target can show; only `healthy` exists so far, and later ones (leaking, GC-heavy,
 * event-loop-blocking, pool-starved) are added here and switched on in app.ts.
 */
export const SAMPLE_API_MODES = ['healthy'] as const;
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

/** Reads PORT (required), HOST, SAMPLE_API_MODE and DELAY_MS; reports every problem at once. */
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

  if (problems.length > 0 || !isMode(modeText) || typeof delay !== 'number') {
    throw new SampleApiConfigError(problems);
  }
  return { host: env.HOST?.trim() || '127.0.0.1', port, mode: modeText, defaultDelayMs: delay };
}
