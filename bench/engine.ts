import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { providerFor } from '../harness/providers/index.js';
import { sampleApi } from '../targets/sample-api/index.js';

/**
 * Built-in engine vs autocannon, side by side in one run: the sample API pinned to core 0, each
 * generator pinned to core 1, 50 connections, rounds alternating A B A B; medians printed.
 * Figures, never assertions: machines here are shared and noisy, so read the ratios.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = 50;

const hasTaskset = ((): boolean => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();
const pinned = (core: number, argv: string[]): string[] =>
  hasTaskset ? ['taskset', '-c', String(core), ...argv] : argv;

interface Round {
  requests: number;
  wallMs: number;
  cpuMs: number;
  rssBytes: number;
}

function runWorker(script: string, url: string): Promise<Round> {
  const argv = pinned(1, [
    process.execPath,
    fileURLToPath(new URL(script, import.meta.url)),
    url,
    String(CONNECTIONS),
    String(SECONDS),
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as Round)
        : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const spec = sampleApi();
const pinnedSpec = { ...spec, command: pinned(0, spec.command as string[]) };
const target = await providerFor(pinnedSpec).start(pinnedSpec, { logFile: '/dev/null' });
try {
  const url = `${target.baseUrl}/fast`;
  const results: Record<'loadrig' | 'autocannon', Round[]> = { loadrig: [], autocannon: [] };
  for (let i = 0; i < ROUNDS; i++) {
    results.loadrig.push(await runWorker('./builtin-worker.js', url));
    results.autocannon.push(await runWorker('./autocannon-worker.js', url));
  }
  console.log(
    `GET /fast, ${CONNECTIONS} connections, ${SECONDS} s rounds × ${ROUNDS} (A B A B), server on core 0, generator on core 1${hasTaskset ? '' : ' (taskset missing: NOT pinned)'}`,
  );
  console.log('tool        req/s (median)   req per generator CPU-s   generator RSS');
  const row = (name: keyof typeof results): { rps: number; perCpu: number } => {
    const rs = results[name];
    const rps = median(rs.map((r) => (r.requests / r.wallMs) * 1000));
    const perCpu = median(rs.map((r) => (r.requests / r.cpuMs) * 1000));
    const rss = median(rs.map((r) => r.rssBytes)) / 2 ** 20;
    console.log(
      `${name.padEnd(12)}${rps.toFixed(0).padStart(14)}   ${perCpu.toFixed(0).padStart(23)}   ${rss.toFixed(0).padStart(10)} MB`,
    );
    return { rps, perCpu };
  };
  const a = row('loadrig');
  const b = row('autocannon');
  console.log(
    `ratio loadrig/autocannon: throughput ${(a.rps / b.rps).toFixed(2)}×, efficiency ${(a.perCpu / b.perCpu).toFixed(2)}×`,
  );
} finally {
  await target.stop();
}
