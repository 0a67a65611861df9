import { spawn } from 'node:child_process';
import type { Round } from './round.js';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

function latencyMs(text: string, p: string): number {
  const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
  return m ? Number(m[1]) * (UNIT_MS[m[2] as string] ?? Number.NaN) : Number.NaN;
}

/** One round of wrk (one thread), its CPU read from bash's `times` (children's user + sys). */
export function wrkRound(
  argvPrefix: string[],
  url: string,
  connections: number,
  seconds: number,
): Promise<Round> {
  const script = `wrk -t1 -c${connections} -d${seconds}s --latency '${url}'; times`;
  const argv = [...argvPrefix, 'bash', '-c', script];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => {
      const requests = /(\d+) requests in ([\d.]+)(ms|s)/.exec(out);
      const times = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out.trimEnd() + '\n');
      if (code !== 0 || !requests || !times) {
        reject(new Error(`wrk failed (exit ${code}): ${out.slice(-300)}`));
        return;
      }
      const wallMs = Number(requests[2]) * (requests[3] === 's' ? 1000 : 1);
      const cpuMs =
        (Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4])) *
        1000;
      resolve({
        requests: Number(requests[1]),
        wallMs,
        cpuMs,
        rssBytes: Number.NaN,
        p50: latencyMs(out, '50'),
        p99: latencyMs(out, '99'),
      });
    });
  });
}
