import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../harness/lifecycle/run-scenario.js';
import { detectors } from '../reports/analysis/detectors/index.js';
import { rampingArrivalRate } from '../scenarios/executors.js';
import { constantRate, ramp, scenarios, soak, spike, type Profile } from '../scenarios/profile.js';
import { scenario } from '../scenarios/scenario.js';
import type { Flow } from '../scenarios/vu-context.js';
import { sampleApi } from '../targets/sample-api/index.js';
import { target, type TargetSpec } from '../targets/target.js';

/**
 * Ground truth for the detectors, from real runs: healthy runs of many shapes (open and closed
 * models, 1 to 200 VUs, 50 to 2,000 arrivals/s, 30 to 120 s, with and without the Node agent,
 * a local process and containers) must yield no warning or critical finding, and each planted
 * fault of the sample API (and an open model above capacity) must be found by its detector,
 * with nothing unexplained beside it. Figures, not assertions: read the matrix;
 * `npm run bench:detectors` (BENCH_CASES=name,name runs some; BENCH_SCALE=0.5 halves them).
 */
const SCALE = Number(process.env['BENCH_SCALE'] ?? 1);
const ONLY = process.env['BENCH_CASES']?.split(',');

interface Case {
  name: string;
  shape: string;
  seconds: number;
  where: 'local' | 'container' | 'containers ×2';
  agent: boolean;
  /** Finding ids the run must produce (none: a healthy run). */
  expect: string[];
  target: () => TargetSpec;
  profile: (seconds: number) => Profile;
  flow: Flow;
}

const s = (seconds: number): string => `${Math.max(1, Math.round(seconds * SCALE))}s`;

const fast: Flow = async (vu) => {
  await vu.http.get('/fast');
};
const thinking =
  (seconds: number): Flow =>
  async (vu) => {
    await vu.http.get('/fast');
    await vu.sleep(seconds);
  };
const mixed: Flow = async (vu) => {
  await vu.http.get('/fast');
  await vu.http.post('/echo', { json: { vu: vu.id } });
  await vu.http.get('/delay?ms=20', { name: 'delay' });
  await vu.sleep(0.1);
};
const delayed: Flow = async (vu) => {
  await vu.http.get('/delay?ms=50', { name: 'delay' });
};

const local =
  (agent: boolean, env: Record<string, string> = {}) =>
  (): TargetSpec => ({ ...sampleApi({ env }), metrics: { agent } });
const container = (replicas: number, cpus: number) => (): TargetSpec =>
  target({
    name: 'sample-api',
    image: 'loadrig/sample-api',
    resources: { cpus, memoryMb: 256 },
    ...(replicas > 1 ? { replicas } : {}),
    health: { path: '/health', timeout: '30s' },
  });

const open = (rate: number) => (seconds: number) =>
  constantRate({ rate, duration: s(seconds), preAllocatedVUs: Math.ceil(rate / 20) });

/** Healthy: the sample API well within its capacity, in every shape a user might run. */
const HEALTHY: Case[] = [
  ['open-50', 'open 50/s', 60, 'local', true, open(50), fast],
  ['open-200-no-agent', 'open 200/s', 30, 'local', false, open(200), fast],
  ['open-500', 'open 500/s', 45, 'local', true, open(500), fast],
  ['open-1000', 'open 1,000/s', 60, 'local', true, open(1000), fast],
  ['open-2000', 'open 2,000/s', 30, 'local', true, open(2000), fast],
  ['open-1000-no-agent-2m', 'open 1,000/s', 120, 'local', false, open(1000), fast],
  [
    'open-ramp-50-800',
    'open ramping 50→800/s',
    60,
    'local',
    true,
    (sec: number) =>
      scenarios({
        ramp: rampingArrivalRate({
          startRate: 50,
          stages: [{ duration: s(sec), target: 800 }],
          preAllocatedVUs: 40,
          maxVUs: 200,
        }),
      }),
    fast,
  ],
  ['open-100-50ms', 'open 100/s, 50 ms answers', 60, 'local', true, open(100), delayed],
  ['open-300-container', 'open 300/s', 90, 'container', true, open(300), fast],
  ['open-600-replicas', 'open 600/s', 60, 'containers ×2', true, open(600), fast],
  [
    'closed-1',
    'closed 1 VU, no think time',
    30,
    'local',
    true,
    (sec: number) => soak({ vus: 1, duration: s(sec) }),
    fast,
  ],
  [
    'closed-10',
    'closed 10 VUs, 50 ms think',
    60,
    'local',
    true,
    (sec: number) => soak({ vus: 10, duration: s(sec) }),
    thinking(0.05),
  ],
  [
    'closed-50-no-agent',
    'closed 50 VUs, 100 ms think',
    90,
    'local',
    false,
    (sec: number) => soak({ vus: 50, duration: s(sec) }),
    thinking(0.1),
  ],
  [
    'closed-200',
    'closed 200 VUs, 200 ms think',
    60,
    'local',
    true,
    (sec: number) => soak({ vus: 200, duration: s(sec), rampUp: s(10) }),
    thinking(0.2),
  ],
  [
    'ramp-1-50',
    'closed ramp 1→50 VUs, 20 ms think',
    60,
    'local',
    true,
    (sec: number) => ramp({ from: 1, to: 50, rampUp: s(sec / 3), hold: s((sec * 2) / 3) }),
    thinking(0.02),
  ],
  [
    'ramp-2-200-2m',
    'closed ramp 2→200 VUs, 250 ms think',
    120,
    'local',
    true,
    (sec: number) => ramp({ from: 2, to: 200, rampUp: s(sec / 2), hold: s(sec / 2) }),
    thinking(0.25),
  ],
  [
    'ramp-5-100-down-no-agent',
    'closed ramp 5→100→0 VUs, 100 ms think',
    90,
    'local',
    false,
    (sec: number) =>
      ramp({ from: 5, to: 100, rampUp: s(sec / 3), hold: s(sec / 3), rampDown: s(sec / 3) }),
    thinking(0.1),
  ],
  [
    'spike-10-100',
    'closed spike 10→100→10 VUs, 100 ms think',
    60,
    'local',
    true,
    (sec: number) =>
      spike({ baseline: 10, peak: 100, before: s(sec / 3), hold: s(sec / 3), after: s(sec / 3) }),
    thinking(0.1),
  ],
  [
    'soak-20-2m',
    'closed 20 VUs, 50 ms think',
    120,
    'local',
    true,
    (sec: number) => soak({ vus: 20, duration: s(sec) }),
    thinking(0.05),
  ],
  [
    'mixed-routes-20',
    'closed 20 VUs, 3 routes, 100 ms think',
    60,
    'local',
    true,
    (sec: number) => soak({ vus: 20, duration: s(sec) }),
    mixed,
  ],
  [
    'closed-30-container',
    'closed 30 VUs, 50 ms think',
    45,
    'container',
    true,
    (sec: number) => soak({ vus: 30, duration: s(sec) }),
    thinking(0.05),
  ],
  [
    'ramp-10-80-replicas',
    'closed ramp 10→80 VUs, 100 ms think',
    60,
    'containers ×2',
    true,
    (sec: number) => ramp({ from: 10, to: 80, rampUp: s(sec / 3), hold: s((sec * 2) / 3) }),
    thinking(0.1),
  ],
].map(([name, shape, seconds, where, agent, profile, flow]) => ({
  name: name as string,
  shape: shape as string,
  seconds: seconds as number,
  where: where as Case['where'],
  agent: agent as boolean,
  expect: [],
  target:
    where === 'local'
      ? local(agent as boolean)
      : where === 'container'
        ? container(1, 1)
        : container(2, 0.5),
  profile: profile as Case['profile'],
  flow: flow as Flow,
}));

// Up to 40 VUs with 20 ms think time: well inside what the healthy API serves on one core, so
// only a planted fault can saturate it; then a steady hold, where growth over time shows.
const faultProfile = (sec: number) =>
  ramp({ from: 2, to: 40, rampUp: s(sec * 0.3), hold: s(sec * 0.7) });
const fault = (mode: string, expected: string[], env: Record<string, string> = {}): Case => ({
  name: mode,
  shape: 'closed ramp 2→40 VUs, 20 ms think',
  seconds: 40,
  where: 'local',
  agent: true,
  expect: expected,
  target: local(true, { SAMPLE_API_MODE: mode, ...env }),
  profile: faultProfile,
  flow: thinking(0.02),
});

/** The sample API's planted faults, each with the finding that must name it. */
const FAULTS: Case[] = [
  fault('leak', ['memory.linear-growth']),
  fault('gc', ['gc.pressure']),
  fault('block', ['eventloop.delay']),
  fault('cpu', ['cpu.single-core-saturated', 'latency.grows-with-load']),
  fault('pool', ['latency.grows-with-load']),
  fault('periodic-block', ['eventloop.periodic-block']),
  {
    // 10 ms of CPU per request serves at most ~100/s on one core: offered 150/s.
    name: 'overload',
    shape: 'open 150/s, 10 ms CPU each',
    seconds: 40,
    where: 'local',
    agent: true,
    expect: ['target.saturated'],
    target: local(true, { SAMPLE_API_MODE: 'cpu', CPU_MS: '10' }),
    profile: (sec) =>
      constantRate({ rate: 150, duration: s(sec), preAllocatedVUs: 20, maxVUs: 50 }),
    flow: fast,
  },
];

/** What a fault may also produce, and why: the finding is about the same planted cause. */
const EXPLAINED: Record<string, string> = {
  'latency.p99-tail': 'a stall (GC, blocked loop, queue) lengthens the tail',
  'latency.p95-vs-average': 'stalls hit a minority of requests',
  'throughput.plateau': 'a saturated resource caps throughput',
  'eventloop.utilisation': 'CPU work keeps the loop busy',
  'eventloop.delay': 'synchronous work or GC delays the loop',
  'eventloop.periodic-block': 'requests that block the loop every N-th request follow the traffic',
  'cpu.single-core-saturated': 'synchronous work burns CPU on one core',
  'gc.latency-spikes': 'allocation-heavy work triggers GC during spikes',
  'gc.pressure': 'allocation on the request path (or a growing heap) keeps the collector busy',
  'latency.grows-with-load': 'a queue forms in front of the saturated resource',
};

const cases = [...HEALTHY, ...FAULTS].filter((c) => !ONLY || ONLY.includes(c.name));
const started = Date.now();
interface Row {
  c: Case;
  found: Map<string, string>;
  wallSec: number;
  error?: string;
}
const rows: Row[] = [];
for (const c of cases) {
  const outDir = mkdtempSync(join(tmpdir(), 'loadrig-detectors-'));
  const t = Date.now();
  try {
    const outcome = await runScenario({
      scenario: scenario({
        name: `detectors-${c.name}`,
        target: c.target(),
        profile: c.profile(c.seconds),
        flow: c.flow,
      }),
      outDir,
      interrupt: new AbortController().signal,
      progress: {},
      cwd: process.cwd(),
    });
    const found = new Map(
      (outcome.analysis.findings ?? [])
        .filter((f) => f.severity !== 'info')
        .map((f) => [f.id, f.severity]),
    );
    rows.push({ c, found, wallSec: (Date.now() - t) / 1000 });
    for (const f of outcome.analysis.findings ?? []) {
      if (f.severity !== 'info')
        process.stderr.write(`  ${c.name}: ${f.severity} ${f.id}: ${f.title}\n`);
    }
  } catch (e) {
    rows.push({ c, found: new Map(), wallSec: (Date.now() - t) / 1000, error: String(e) });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const r = rows.at(-1)!;
  process.stderr.write(
    `${c.name}: ${r.error ?? ([...r.found].map(([id, sev]) => `${id} (${sev})`).join(', ') || 'no warning or critical finding')} [${r.wallSec.toFixed(0)} s]\n`,
  );
}

/** ✓ expected and found, ✗ expected and missing, + explained, ! unexplained. */
function cells(r: Row): { text: string; missing: number; unexplained: number } {
  if (r.error)
    return { text: `run failed: ${r.error}`, missing: r.c.expect.length, unexplained: 0 };
  const out: string[] = [];
  let missing = 0;
  let unexplained = 0;
  for (const id of r.c.expect) {
    const severity = r.found.get(id);
    if (severity) {
      out.push(`✓ ${id} (${severity})`);
    } else {
      missing++;
      out.push(`✗ ${id}`);
    }
  }
  for (const [id, severity] of r.found) {
    if (r.c.expect.includes(id)) continue;
    const explained = r.c.expect.length > 0 && id in EXPLAINED;
    if (!explained) unexplained++;
    out.push(`${explained ? '+' : '!'} ${id} (${severity})`);
  }
  return { text: out.join(', ') || '—', missing, unexplained };
}

const date = new Date().toISOString().slice(0, 10);
const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
console.log(
  `\ndetector matrix, ${date}, ${hostname()}: ${cpus().length} × ${cpu}, shared with other work; warning and critical findings only (info is not listed)`,
);
console.log(
  '✓ expected and found, ✗ expected but missing, + found beside a planted fault and explained by it, ! found and not explained (on a healthy run: a false alarm)\n',
);
const header = ['run', 'shape', 's', 'target', 'agent', 'findings'];
const table = rows.map((r) => [
  r.c.name,
  r.c.shape,
  String(Math.round(r.c.seconds * SCALE)),
  r.c.where,
  r.c.agent ? 'yes' : 'no',
  cells(r).text,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (row: string[]) =>
  row
    .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
console.log(line(header));
for (const [k, row] of table.entries()) {
  if (k === rows.findIndex((r) => r.c.expect.length > 0)) console.log('');
  console.log(line(row));
}
const healthy = rows.filter((r) => r.c.expect.length === 0);
const faults = rows.filter((r) => r.c.expect.length > 0);
const falseAlarms = healthy.filter((r) => cells(r).unexplained > 0 || r.error).length;
const missed = faults.reduce((n, r) => n + cells(r).missing, 0);
const unexplained = faults.reduce((n, r) => n + cells(r).unexplained, 0);
console.log(
  `\n${healthy.length} healthy runs: ${falseAlarms} with a warning or critical finding; ${faults.length} planted faults: ${missed} expected finding(s) missed, ${unexplained} unexplained; detectors registered: ${Object.keys(detectors).length}; ${((Date.now() - started) / 60_000).toFixed(1)} min in all`,
);
for (const [id, why] of Object.entries(EXPLAINED)) console.log(`  + ${id}: ${why}`);
