/**
 * Tests that need a component (Docker, a browser, Postgres, ...) run when it is there; when it
 * is missing they are skipped with a visible notice, unless the flag .ci/run sets is on, in
 * which case they fail.
 */
export function componentGate(flag: string, available: boolean, what: string): { skip: boolean } {
  if (available) return { skip: false };
  if (process.env[flag] === '1') {
    throw new Error(`${what} is required (${flag}=1) but not available on this machine`);
  }
  process.stderr.write(
    `[loadrig tests] skipping: ${what} is not available (set ${flag}=1 to make this fail)\n`,
  );
  return { skip: true };
}

/** InfluxDB 1.x for the `--out influxdb` and `history --influx` tests (.ci/run starts influxd). */
export const INFLUX_TEST_URL = process.env['LOADRIG_TEST_INFLUX_URL'] ?? 'http://127.0.0.1:8086';

export async function influxGate(): Promise<{ skip: boolean }> {
  let up = false;
  try {
    const res = await fetch(`${INFLUX_TEST_URL}/ping`, { signal: AbortSignal.timeout(2000) });
    up = res.status === 204;
  } catch {
    up = false;
  }
  return componentGate(
    'LOADRIG_REQUIRE_INFLUX',
    up,
    `InfluxDB at ${INFLUX_TEST_URL} (LOADRIG_TEST_INFLUX_URL)`,
  );
}
