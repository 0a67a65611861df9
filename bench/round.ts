import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What one bench round of one tool measured. */
export interface Round {
  requests: number;
  wallMs: number;
  cpuMs: number;
  rssBytes: number;
  p50: number;
  p99: number;
  dropped?: number;
}

/** Runs `script` (a sibling bench worker) with `args` under `argvPrefix` (taskset); parses its JSON line. */
export function workerRound(argvPrefix: string[], script: string, args: string[]): Promise<Round> {
  const argv = [
    ...argvPrefix,
    process.execPath,
    fileURLToPath(new URL(script, import.meta.url)),
    ...args,
  ];
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

export const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor(s.length / 2)] as number);
};
