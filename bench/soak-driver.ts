import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

/**
 * A soak as a user runs one: `loadrig run` in its own process (engine threads, aggregator, run
 * store, collectors, progress) at a constant arrival rate against the sample API, its resident
 * memory read from /proc every `sampleEveryMs`. Worker threads live in that process, so its RSS
 * is theirs too; the thread count is reported to show it.
 */
export interface SoakOptions {
  minutes: number;
  ratePerSec: number;
  /** Samples before this are start-up: growth is measured from the first sample after it. */
  warmupMinutes: number;
  sampleEveryMs: number;
  /** A folder the scenario file and the run directory are written to. */
  workDir: string;
  onSample?: (s: SoakSample) => void;
}

export interface SoakSample {
  elapsedSec: number;
  rssBytes: number;
  threads: number;
  /** Requests per second recorded since the previous sample (from client.ndjson). */
  reqPerSec: number;
}

export interface SoakResult {
  samples: SoakSample[];
  /** RSS at the end minus RSS at the first sample after warm-up. */
  growthBytes: number;
  /** Least-squares slope of RSS over the samples after warm-up. */
  slopeBytesPerHour: number;
  peakRssBytes: number;
  achievedReqPerSec: number;
  exitCode: number;
  runDir: string;
}

const LOADRIG = join(packageRoot(), 'bin', 'loadrig.js');

function procStatus(pid: number): { rssBytes: number; threads: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? NaN);
    const threads = Number(/^Threads:\s+(\d+)/m.exec(text)?.[1] ?? NaN);
    return Number.isFinite(rssKb) ? { rssBytes: rssKb * 1024, threads } : undefined;
  } catch {
    return undefined; // the process ended
  }
}

/** Requests recorded in client.ndjson from byte `from` on, and where the whole lines end. */
function requestsSince(file: string, from: number): { requests: number; next: number } {
  if (!existsSync(file)) return { requests: 0, next: from };
  const text = readFileSync(file).subarray(from).toString();
  const end = text.lastIndexOf('\n') + 1;
  let requests = 0;
  for (const line of text.slice(0, end).split('\n')) {
    if (line === '') continue;
    const bucket = JSON.parse(line) as { metrics: Record<string, { value?: number }[]> };
    for (const s of bucket.metrics['http_reqs'] ?? []) requests += s.value ?? 0;
  }
  return { requests, next: from + Buffer.byteLength(text.slice(0, end)) };
}

export function slopePerHour(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 3600;
}

export async function soakRun(opts: SoakOptions): Promise<SoakResult> {
  const scenarioFile = join(opts.workDir, 'soak.ts');
  writeFileSync(
    scenarioFile,
    `import { constantRate, scenario } from 'loadrig';
export default scenario({
  name: 'soak ${opts.ratePerSec} req/s',
  target: 'sample-api',
  profile: constantRate({ rate: ${opts.ratePerSec}, duration: '${opts.minutes}m', preAllocatedVUs: 50, maxVUs: 500 }),
  flow: async (vu) => {
    await vu.http.get('/fast');
  },
});
`,
  );
  const runsDir = join(opts.workDir, 'runs');
  // The bin itself, as `npx loadrig` runs it: its first line holds the Node flags a long run needs.
  const child = spawn(LOADRIG, ['run', scenarioFile, '--runs', runsDir, '-f', 'json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderrTail = '';
  child.stderr?.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-4000)));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const samples: SoakSample[] = [];
  const startedMs = performance.now();
  let offset = 0;
  let lastSampleMs = startedMs;
  const clientFile = (): string => {
    const dir = existsSync(runsDir) ? readdirSync(runsDir)[0] : undefined;
    return dir === undefined ? '' : join(runsDir, dir, 'client.ndjson');
  };
  const timer = setInterval(() => {
    const status = child.pid === undefined ? undefined : procStatus(child.pid);
    if (status === undefined) return;
    const now = performance.now();
    const read = requestsSince(clientFile(), offset);
    offset = read.next;
    const sample = {
      elapsedSec: Math.round((now - startedMs) / 1000),
      rssBytes: status.rssBytes,
      threads: status.threads,
      reqPerSec: read.requests / ((now - lastSampleMs) / 1000),
    };
    lastSampleMs = now;
    samples.push(sample);
    opts.onSample?.(sample);
  }, opts.sampleEveryMs);
  const exitCode = await exited;
  clearInterval(timer);
  const runDir = join(runsDir, readdirSync(runsDir)[0] ?? '');
  if (!existsSync(join(runDir, 'summary.json'))) {
    throw new Error(`the soak run left no summary (exit ${exitCode}):\n${stderrTail}`);
  }
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as {
    metrics: Record<string, { ratePerSec?: number }>;
  };
  const steady = samples.filter((s) => s.elapsedSec >= opts.warmupMinutes * 60);
  const first = steady[0];
  const last = steady.at(-1);
  return {
    samples,
    growthBytes: first && last ? last.rssBytes - first.rssBytes : 0,
    slopeBytesPerHour: slopePerHour(steady.map((s) => ({ x: s.elapsedSec, y: s.rssBytes }))),
    peakRssBytes: Math.max(0, ...samples.map((s) => s.rssBytes)),
    achievedReqPerSec: summary.metrics['http_reqs']?.ratePerSec ?? 0,
    exitCode,
    runDir,
  };
}
