import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../harness/lifecycle/run-scenario.js';
import { detectors } from '../reports/analysis/detectors/index.js';
import { ramp } from '../scenarios/profile.js';
import { scenario } from '../scenarios/scenario.js';
import { SAMPLE_API_MODES, sampleApi, type SampleApiMode } from '../targets/sample-api/index.js';

/**
 * Ground truth for the detectors: a short real run of each sample-API behaviour mode (a planted
 * fault), then the matrix of which findings each mode produced against which it should.
 * Figures, not assertions: read the matrix; `npm run bench:detectors`.
 */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 40);

/** The finding ids each planted fault must produce. */
const EXPECTED: Record<SampleApiMode, string[]> = {
  healthy: [],
  leak: ['memory.linear-growth'],
  gc: ['gc.pressure'],
  block: ['eventloop.delay'],
  cpu: ['cpu.single-core-saturated', 'latency.grows-with-load'],
  pool: ['latency.grows-with-load'],
  'periodic-block': ['eventloop.periodic-block'],
};

/** Findings a mode may also produce, with the reason the report gives. */
const EXPLAINED: Record<string, string> = {
  'latency.p99-tail': 'a stall (GC, blocked loop, queue) lengthens the tail',
  'latency.max-outlier': 'the longest stall is an outlier by construction',
  'latency.p95-vs-average': 'stalls hit a minority of requests',
  'model.coordinated-omission-risk': 'info: closed-model run with a long tail',
  'throughput.plateau': 'a saturated resource caps throughput',
  'eventloop.utilisation': 'CPU work keeps the loop busy',
  'eventloop.delay': 'synchronous work or GC delays the loop',
  'cpu.single-core-saturated': 'synchronous work burns CPU on one core',
  'gc.latency-spikes': 'allocation-heavy work triggers GC during spikes',
  'gc.pressure': 'allocation on the request path (or a growing heap) keeps the collector busy',
  'latency.grows-with-load': 'a queue forms in front of the saturated resource',
};

// Up to 40 VUs with 20 ms think time: well inside what the healthy API serves on one core, so
// only a planted fault can saturate it; then a steady hold, where growth over time shows.
const profile = ramp({
  from: 2,
  to: 40,
  rampUp: `${Math.round(SECONDS * 0.3)}s`,
  hold: `${Math.round(SECONDS * 0.7)}s`,
});
const MODES = (process.env['BENCH_MODES']?.split(',') ?? SAMPLE_API_MODES) as SampleApiMode[];
const rows: { mode: SampleApiMode; found: Map<string, string> }[] = [];
for (const mode of MODES) {
  const outcome = await runScenario({
    scenario: scenario({
      name: `detectors-${mode}`,
      target: sampleApi({ env: { SAMPLE_API_MODE: mode } }),
      profile,
      flow: async (vu) => {
        await vu.http.get('/fast');
        await vu.sleep(0.02);
      },
    }),
    outDir: mkdtempSync(join(tmpdir(), 'loadrig-detectors-')),
    interrupt: new AbortController().signal,
    progress: {},
    cwd: process.cwd(),
  });
  const found = new Map((outcome.analysis.findings ?? []).map((f) => [f.id, f.severity]));
  rows.push({ mode, found });
  process.stderr.write(
    `${mode}: ${[...found].map(([id, s]) => `${id} (${s})`).join(', ') || 'no findings'}\n`,
  );
}

const ids = [
  ...new Set([...Object.values(EXPECTED).flat(), ...rows.flatMap((r) => [...r.found.keys()])]),
];
const width = Math.max(...ids.map((i) => i.length));
console.log(
  `\nmode × finding (${SECONDS} s per mode: ramp 2→40 VUs over 30 %, hold 70 %; GET /fast + 20 ms think time): ✓ expected and found, ✗ expected but missing, + found and explained, ! found and NOT explained, · neither\n`,
);
console.log(`${''.padEnd(width)}  ${MODES.map((m) => m.padStart(7)).join('')}`);
let missing = 0;
let unexplained = 0;
for (const id of ids) {
  const cells = rows.map(({ mode, found }) => {
    const expected = EXPECTED[mode].includes(id);
    const severity = found.get(id);
    if (expected && severity) return '✓';
    if (expected) return (missing++, '✗');
    if (!severity) return '·';
    if (mode === 'healthy' && severity !== 'info') return (unexplained++, '!');
    return id in EXPLAINED || severity === 'info' ? '+' : (unexplained++, '!');
  });
  console.log(`${id.padEnd(width)}  ${cells.map((c) => c.padStart(7)).join('')}`);
}
console.log(
  `\n${missing} planted fault(s) missed, ${unexplained} unexplained finding(s); detectors registered: ${Object.keys(detectors).length}`,
);
for (const [id, why] of Object.entries(EXPLAINED)) console.log(`  + ${id}: ${why}`);
