/**
 * A behaviour mode of the sample API: wraps every route but /health. `next` answers the request;
 * a mode does its work before calling it (or holds it back, as the pool does); `fail` answers 503.
 * A mode that runs work of its own (a timer) stops it in `stop`, called when the server closes.
 */
export type ModeBehaviour = ((next: () => void, fail: (message: string) => void) => void) & {
  stop?: () => void;
};

/** Knobs of the modes, read from the environment by config.ts (defaults in brackets there). */
export interface ModeSettings {
  leakBytesPerRequest: number;
  gcEvery: number;
  gcAllocMb: number;
  blockEvery: number;
  blockMs: number;
  periodicBlockMs: number;
  periodicBlockEveryMs: number;
  cpuMs: number;
  poolSize: number;
  poolHoldMs: number;
  poolDatabaseUrl?: string;
}

/** Burns CPU on real work (hashing) until `ms` have passed: nothing else runs meanwhile. */
export function burnCpu(ms: number, hash: (n: number) => number): number {
  const end = performance.now() + ms;
  let acc = 0;
  while (performance.now() < end) acc = hash(acc);
  return acc;
}
