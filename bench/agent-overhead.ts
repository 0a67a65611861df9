import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { NodeAgentCollector } from '../harness/collectors/node-agent-collector.js';
import { providers } from '../harness/providers/index.js';
import type { RunningTarget } from '../harness/providers/provider.js';
import { sampleApi } from '../targets/sample-api/index.js';

/**
 * CPU cost of loadrig's Node agent inside the target: the sample API with the agent on and off,
 * alternating, idle and under a fixed request rate. CPU time is read from every thread's
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds, unlike the 10 ms ticks of /proc/<pid>/stat).
 * Figures, never assertions: the machine is shared, so read the medians and their spread.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const IDLE_SEC = Number(process.env['BENCH_IDLE_SECONDS'] ?? 10);
const LOAD_SEC = Number(process.env['BENCH_LOAD_SECONDS'] ?? 10);
const RATE_PER_SEC = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cpuNs(pid: number): Promise<number> {
  let total = 0;
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const text = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0');
    total += Number(text.split(' ')[0]);
  }
  return total;
}

/** A fixed arrival rate over 4 connections' worth of concurrency, for `seconds`. */
async function fixedRate(baseUrl: string, seconds: number): Promise<void> {
  const total = RATE_PER_SEC * seconds;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < total) {
        const i = next++;
        const due = started + (i * 1000) / RATE_PER_SEC;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        await (await fetch(`${baseUrl}/fast`)).arrayBuffer();
      }
    }),
  );
}

interface Figures {
  idlePercent: number;
  loadPercent: number;
}

async function measure(agent: boolean): Promise<Figures> {
  const spec = { ...sampleApi(), metrics: { agent } };
  const target: RunningTarget = await providers.local.start(spec, {
    logFile: join(tmpdir(), `loadrig-agent-bench-${process.pid}.log`),
  });
  const source = target.metricSources.find((s) => s.kind === 'node-agent');
  const collector =
    source?.kind === 'node-agent' ? new NodeAgentCollector(source.socketPath, 'bench') : undefined;
  const timer = setInterval(() => void collector?.sample(Date.now()), 1000);
  try {
    const process = target.metricSources.find((s) => s.kind === 'process');
    const pid = process?.kind === 'process' ? process.pid : 0;
    await sleep(2000); // start-up done, agent connected
    const a = await cpuNs(pid);
    await sleep(IDLE_SEC * 1000);
    const b = await cpuNs(pid);
    await fixedRate(target.baseUrl, LOAD_SEC);
    const c = await cpuNs(pid);
    return {
      idlePercent: ((b - a) / 1e9 / IDLE_SEC) * 100,
      loadPercent: ((c - b) / 1e9 / LOAD_SEC) * 100,
    };
  } finally {
    clearInterval(timer);
    await collector?.close();
    await target.stop();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

const on: Figures[] = [];
const off: Figures[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const agent of round % 2 === 0 ? [false, true] : [true, false]) {
    const figures = await measure(agent);
    (agent ? on : off).push(figures);
    console.log(
      `round ${round + 1} agent ${agent ? 'on ' : 'off'}: idle ${figures.idlePercent.toFixed(3)} % of a core, ${RATE_PER_SEC} req/s ${figures.loadPercent.toFixed(2)} %`,
    );
  }
}
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(3)} (${xs.map((x) => x.toFixed(3)).join(', ')})`;
console.log(`idle, agent off: ${fmt(off.map((f) => f.idlePercent))} % of a core`);
console.log(`idle, agent on:  ${fmt(on.map((f) => f.idlePercent))} % of a core`);
console.log(`${RATE_PER_SEC} req/s, agent off: ${fmt(off.map((f) => f.loadPercent))} %`);
console.log(`${RATE_PER_SEC} req/s, agent on:  ${fmt(on.map((f) => f.loadPercent))} %`);
console.log(
  `agent overhead: idle ${(median(on.map((f) => f.idlePercent)) - median(off.map((f) => f.idlePercent))).toFixed(3)} % of a core, ` +
    `under load ${(median(on.map((f) => f.loadPercent)) - median(off.map((f) => f.loadPercent))).toFixed(2)} % of a core`,
);
