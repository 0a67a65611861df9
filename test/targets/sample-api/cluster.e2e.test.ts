import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providers } from '../../../harness/providers/index.js';
import { sampleApi } from '../../../targets/sample-api/index.js';
import { isAlive } from '../../helpers/process.js';

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('sample-api cluster mode (WORKERS)', () => {
  it('serves one port from WORKERS processes and stops them all on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loadrig-cluster-'));
    const logFile = join(dir, 'target.log');
    try {
      const target = await providers.local.start(
        sampleApi({ env: { WORKERS: '2', SAMPLE_API_MODE: 'healthy' } }),
        { logFile },
      );
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${target.baseUrl}/fast`).then((r) => r.status)),
      );
      expect(answers.every((s) => s === 200)).toBe(true);
      const source = target.metricSources.find((s) => s.kind === 'process');
      const pid = source?.kind === 'process' ? source.pid : 0;
      await target.stop();
      expect(isAlive(pid)).toBe(false);
      const log = await readFile(logFile, 'utf8');
      expect(log).toContain(`sample-api primary ${pid}: 2 workers`);
      expect(count(log, 'sample-api listening on')).toBe(2);
      expect(count(log, 'sample-api stopped')).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
