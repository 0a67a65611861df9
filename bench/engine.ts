import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { providerFor } from '../harness/providers/index.js';
import { sampleApi } from '../targets/sample-api/index.js';
import { median, workerRound, type Round } from './round.js';
import { wrkRound } from './wrk-round.js';

/**
 * Built-in engine vs autocannon (and wrk when installed), side by side in one run: the target
 * pinned to core 0, each generator pinned to core 1, rounds alternating A B C A B C; medians.
 * Figures, never assertions: machines here are shared and noisy, so read the ratios.
 *
 * 1. throughput and efficiency (requests per generator CPU-second), GET /fast, 50 connections
 * 2. accuracy: p50/p99 of a fixed 20 ms endpoint, 10 connections
 * 3. coordinated omission: a target stalling 300 ms every 2 s, open model vs closed model
 * 4. memory: generator RSS at 1,000 and 5,000 VUs (and over BENCH_SOAK_SECONDS, when set)
 * BENCH_ONLY=throughput,accuracy,co,memory picks sections.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const SOAK_SECONDS = Number(process.env['BENCH_SOAK_SECONDS'] ?? 0);
const ONLY = new Set((process.env['BENCH_ONLY'] ?? 'throughput,accuracy,co,memory').split(','));
const CONNECTIONS = 50;

const has = (cmd: string, args: string[]): boolean => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasTaskset = has('taskset', ['-c', '0', 'true']);
const hasWrk = has('wrk', ['--version']) || has('which', ['wrk']);
const pin = (core: number): string[] => (hasTaskset ? ['taskset', '-c', String(core)] : []);
const gen = pin(1);

type Tool = 'loadrig' | 'autocannon' | 'wrk';
const tools: Tool[] = hasWrk ? ['loadrig', 'autocannon', 'wrk'] : ['loadrig', 'autocannon'];

function round(tool: Tool, url: string, connections: number, seconds: number): Promise<Round> {
  const args = [url, String(connections), String(seconds)];
  switch (tool) {
    case 'loadrig':
      return workerRound(gen, './builtin-worker.js', args);
    case 'autocannon':
      return workerRound(gen, './autocannon-worker.js', args);
    case 'wrk':
      return wrkRound(gen, url, connections, seconds);
  }
}

async function alternate(url: string, connections: number): Promise<Record<Tool, Round[]>> {
  const results = { loadrig: [], autocannon: [], wrk: [] } as Record<Tool, Round[]>;
  for (let i = 0; i < ROUNDS; i++) {
    for (const tool of tools) results[tool].push(await round(tool, url, connections, SECONDS));
  }
  return results;
}

const fmt = (n: number, digits = 0): string => (Number.isNaN(n) ? '-' : n.toFixed(digits));
const mb = (bytes: number): string => fmt(bytes / 2 ** 20);

async function throughput(baseUrl: string): Promise<void> {
  const results = await alternate(`${baseUrl}/fast`, CONNECTIONS);
  console.log(
    `\n## Throughput and efficiency: GET /fast, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds`,
  );
  console.log('tool          req/s   req per generator CPU-s   generator RSS');
  const rows: Partial<Record<Tool, { rps: number; perCpu: number }>> = {};
  for (const tool of tools) {
    const rs = results[tool];
    const rps = median(rs.map((r) => (r.requests / r.wallMs) * 1000));
    const perCpu = median(rs.map((r) => (r.requests / r.cpuMs) * 1000));
    rows[tool] = { rps, perCpu };
    console.log(
      `${tool.padEnd(12)}${fmt(rps).padStart(7)}   ${fmt(perCpu).padStart(23)}   ${mb(median(rs.map((r) => r.rssBytes))).padStart(10)} MB`,
    );
  }
  const l = rows.loadrig as { rps: number; perCpu: number };
  for (const other of tools.filter((t) => t !== 'loadrig')) {
    const o = rows[other] as { rps: number; perCpu: number };
    console.log(
      `loadrig/${other}: throughput ${fmt(l.rps / o.rps, 2)}×, efficiency ${fmt(l.perCpu / o.perCpu, 2)}×`,
    );
  }
}

async function accuracy(baseUrl: string): Promise<void> {
  const results = await alternate(`${baseUrl}/delay?ms=20`, 10);
  console.log(`\n## Accuracy: GET /delay?ms=20, 10 connections (median of ${ROUNDS} rounds)`);
  console.log('tool          p50 ms    p99 ms');
  for (const tool of tools) {
    const rs = results[tool];
    console.log(
      `${tool.padEnd(12)}${fmt(median(rs.map((r) => r.p50)), 2).padStart(7)}   ${fmt(median(rs.map((r) => r.p99)), 2).padStart(7)}`,
    );
  }
}

async function coordinatedOmission(): Promise<void> {
  const argv = [
    ...pin(0),
    process.execPath,
    fileURLToPath(new URL('./stall-server.js', import.meta.url)),
  ];
  const server = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve) =>
      server.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    const url = `http://127.0.0.1:${port}/`;
    const seconds = Math.max(SECONDS, 10);
    const open = await workerRound(gen, './builtin-worker.js', [
      url,
      '100',
      String(seconds),
      '200',
    ]);
    const closed = await workerRound(gen, './autocannon-worker.js', [
      url,
      String(CONNECTIONS),
      String(seconds),
    ]);
    console.log(`\n## Coordinated omission: target stalls 300 ms every 2 s, ${seconds} s`);
    console.log(
      `loadrig constant-arrival-rate 200/s: p50 ${fmt(open.p50, 1)} ms, p99 ${fmt(open.p99, 1)} ms (${open.requests} requests, ${open.dropped ?? 0} dropped)`,
    );
    console.log(
      `autocannon closed model, ${CONNECTIONS} connections: p50 ${fmt(closed.p50, 1)} ms, p99 ${fmt(closed.p99, 1)} ms (${closed.requests} requests)`,
    );
  } finally {
    server.kill();
  }
}

async function memory(baseUrl: string): Promise<void> {
  console.log('\n## Memory: generator peak RSS, VUs each sending GET /fast then sleeping 1 s');
  for (const vus of [1000, 5000]) {
    const r = await workerRound(gen, './builtin-worker.js', [
      `${baseUrl}/fast`,
      String(vus),
      String(Math.max(SECONDS, 8)),
      '0',
      '1000',
    ]);
    console.log(
      `${String(vus).padStart(5)} VUs: ${mb(r.rssBytes)} MB (${fmt((r.requests / r.wallMs) * 1000)} req/s)`,
    );
  }
  if (SOAK_SECONDS > 0) {
    const short = await workerRound(gen, './builtin-worker.js', [
      `${baseUrl}/fast`,
      '200',
      '30',
      '0',
      '100',
    ]);
    const long = await workerRound(gen, './builtin-worker.js', [
      `${baseUrl}/fast`,
      '200',
      String(SOAK_SECONDS),
      '0',
      '100',
    ]);
    console.log(
      `200 VUs at ~2,000 req/s: RSS ${mb(short.rssBytes)} MB after 30 s, ${mb(long.rssBytes)} MB after ${SOAK_SECONDS} s`,
    );
  }
}

const spec = sampleApi();
const pinnedSpec = { ...spec, command: [...pin(0), ...(spec.command as string[])] };
const target = await providerFor(pinnedSpec).start(pinnedSpec, { logFile: '/dev/null' });
try {
  console.log(
    `server on core 0, generators on core 1${hasTaskset ? '' : ' (taskset missing: NOT pinned)'}; wrk ${hasWrk ? 'present' : 'absent (apt-get install wrk)'}`,
  );
  if (ONLY.has('throughput')) await throughput(target.baseUrl);
  if (ONLY.has('accuracy')) await accuracy(target.baseUrl);
  if (ONLY.has('memory')) await memory(target.baseUrl);
} finally {
  await target.stop();
}
if (ONLY.has('co')) await coordinatedOmission();
