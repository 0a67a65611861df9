import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';

const run = promisify(execFile);

describe('bin/loadrig.js', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts Node with the young generation capped, as npx and an installed loadrig run it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'loadrig-bin-'));
    const probe = join(dir, 'probe.cjs');
    // Preloaded into the process the bin's first line starts: it reports the Node flags.
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('execArgv ' + JSON.stringify(process.execArgv) + '\\n'));`,
    );
    const { stdout, stderr } = await run(CLI, ['--version'], {
      env: { ...process.env, NODE_OPTIONS: `--require ${probe}` },
    });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const flags = JSON.parse(/^execArgv (.*)$/m.exec(stderr)![1]!) as string[];
    expect(flags).toContain('--max-semi-space-size=2');
  });
});
