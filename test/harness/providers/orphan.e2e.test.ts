import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { packageRoot } from '../../../core/package-root.js';
import { isAlive, waitUntil } from '../../helpers/process.js';

const dist = (path: string): string => pathToFileURL(join(packageRoot(), 'dist', path)).href;

// A harness that starts the sample API, reports its pid, then idles until it is killed.
const HARNESS = `
const { providers } = await import(process.argv[1]);
const { sampleApi } = await import(process.argv[2]);
const running = await providers.local.start(sampleApi(), { logFile: process.argv[3] });
console.log(JSON.stringify({ pid: running.metricSources[0].pid }));
setInterval(() => {}, 1000);
`;

it('leaves no orphan when the harness itself is SIGKILLed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'loadrig-orphan-'));
  const logFile = join(dir, 'target.log');
  const harness = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      HARNESS,
      dist('harness/providers/index.js'),
      dist('targets/sample-api/index.js'),
      logFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    // The first line the harness prints; 'exit' first means it failed to start the target.
    const [line] = (await Promise.race([
      once(createInterface({ input: harness.stdout }), 'line'),
      once(harness, 'exit').then(() => Promise.reject(new Error('the harness exited'))),
    ])) as string[];
    const { pid } = JSON.parse(line ?? '{}') as { pid: number };
    expect(isAlive(pid)).toBe(true);

    harness.kill('SIGKILL');
    expect(await waitUntil(() => !isAlive(pid), 5000)).toBe(true);
  } finally {
    harness.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    // A SIGKILLed harness cannot remove its temp directories (`loadrig clean` would).
    for (const name of await readdir(tmpdir())) {
      if (name.startsWith(`loadrig-${harness.pid}-`)) {
        await rm(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
  }
});
