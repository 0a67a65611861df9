/**
 * Runs an exported k6 script's iterations on the doubles, as k6 would: one context per VU (its
 * init code run again), iterations in order, ids from `exec`, cookies as `options` say. Enough
 * of an executor for per-vu-iterations; the schedule itself is k6's business. Test-only.
 */
import { compileK6Script, initState, k6VmVu } from './k6-vm.js';
import { K6World, type K6WorldOptions } from './k6-world.js';

export interface DoubleRunPlan {
  /** The exported function each iteration runs (`default`, `flow_buy`...). */
  exec: string;
  /** k6 scenario name (the `scenario` tag). */
  scenario: string;
  vus: number;
  iterationsPerVu: number;
  env?: Record<string, string>;
  /** The first VU's `exec.vu.idInTest` (later segments start higher). */
  firstVuId?: number;
}

export async function runOnK6Doubles(
  script: string,
  plan: DoubleRunPlan,
  options: K6WorldOptions = {},
): Promise<K6World> {
  const compiled = await compileK6Script(script);
  // k6 reads the script's options first, then applies them to every VU.
  const probe = k6VmVu(compiled, new K6World(), initState(0, 0), plan.env);
  const exported = (probe.exports['options'] ?? {}) as {
    maxRedirects?: number;
    noCookiesReset?: boolean;
    scenarios?: Record<string, { env?: Record<string, string> }>;
  };
  const scenarioEnv = exported.scenarios?.[plan.scenario]?.env ?? {};
  const world = new K6World({
    ...(exported.maxRedirects !== undefined ? { maxRedirects: exported.maxRedirects } : {}),
    ...(exported.noCookiesReset !== undefined ? { noCookiesReset: exported.noCookiesReset } : {}),
    ...options,
  });
  const first = plan.firstVuId ?? 1;
  const vus = Array.from({ length: plan.vus }, (_, i) =>
    k6VmVu(compiled, world, initState(i + 1, first + i, plan.scenario), plan.env),
  );
  for (const vu of vus) {
    vu.activate(scenarioEnv);
    for (let i = 0; i < plan.iterationsPerVu; i++) await vu.iterate(plan.exec, i);
  }
  return world;
}
