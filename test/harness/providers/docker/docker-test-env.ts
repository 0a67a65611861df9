import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunMeta, ServerSample } from '../../../../core/run-dir/run-data.js';
import { dockerAvailable } from '../../../../harness/providers/docker/docker-client.js';

export const REQUIRED_IMAGES = [
  'loadrig/node',
  'loadrig/sample-api',
  'loadrig/postgres',
  'loadrig/redis',
  'loadrig/nginx',
];

function imagesPresent(): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', ...REQUIRED_IMAGES], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Docker answers and infra/images/build.sh has built the images the tests run. */
export async function dockerWithImages(): Promise<boolean> {
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  process.env['TESTCONTAINERS_HOST_OVERRIDE'] ??= '127.0.0.1';
  return (await dockerAvailable()) && imagesPresent();
}

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/docker');

/** A build context with the deps-service bundled into one file (pg and ioredis included). */
export function depsServiceContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-deps-service-'));
  execFileSync(join(process.cwd(), 'node_modules/.bin/esbuild'), [
    join(FIXTURES, 'deps-service/server.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--external:pg-native',
    '--log-level=warning',
    `--outfile=${join(dir, 'server.mjs')}`,
    "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  ]);
  copyFileSync(join(FIXTURES, 'deps-service/Dockerfile'), join(dir, 'Dockerfile'));
  return dir;
}

/** The run directory the CLI printed (`report: <dir>/report.html`). */
export function runDirOf(stdout: string): string {
  const match = /report: (.+)\/report\.html/.exec(stdout);
  if (!match?.[1]) throw new Error(`no report path in the CLI output:\n${stdout}`);
  return match[1];
}

export function readMeta(dir: string): RunMeta {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
}

export function readServer(dir: string): ServerSample[] {
  return readFileSync(join(dir, 'server.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ServerSample);
}
