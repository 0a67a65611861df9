import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../core/run-dir/read-run.js';
import { listManagedContainers } from '../../../harness/providers/docker/remove-containers.js';
import { runCli } from '../../helpers/cli.js';
import { componentGate } from '../../helpers/require-component.js';
import { dockerWithImages, FIXTURES } from '../providers/docker/docker-test-env.js';

const gate = componentGate(
  'LOADRIG_REQUIRE_DOCKER',
  await dockerWithImages(),
  'Docker with the loadrig images (dockerd running, infra/images/build.sh run)',
);

describe.skipIf(gate.skip)('loadrig capacity --replicas (container targets)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'loadrig-capacity-replicas-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('measures the steps at each replica count behind nginx, one target each, and leaves nothing', async () => {
    const r = await runCli(
      [
        'capacity',
        join(FIXTURES, 'replicas.ts'),
        '--replicas',
        '1,2',
        '--steps',
        '2,4,8',
        '--slo',
        'p(99)<2000',
        '--step-duration',
        '8s',
        '--measure',
        '3s',
        '--steady-window',
        '2s',
        '--runs',
        out,
        '--format',
        'json,md',
      ],
      { timeoutMs: 170_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const [folder] = readdirSync(out);
    const json = JSON.parse(readFileSync(join(out, folder as string, 'capacity.json'), 'utf8')) as {
      groups: { label: string; steps: { run: string }[] }[];
      sweep: { setting: string; rows: { instances: number }[] };
    };
    expect(json.groups.map((g) => g.label)).toEqual(['replicas = 1', 'replicas = 2']);
    expect(json.sweep.setting).toBe('replicas');
    expect(json.groups.map((g) => g.steps.length)).toEqual([3, 3]);
    const manifest = JSON.parse(
      readFileSync(join(out, folder as string, 'capacity-runs.json'), 'utf8'),
    ) as {
      groups: { runs: string[] }[];
    };
    for (const [i, g] of manifest.groups.entries()) {
      for (const dir of g.runs) {
        expect(readRun(join(out, folder as string, dir)).meta.target.replicas).toBe(i + 1);
      }
      // One target per count, labelled with its group folder's name: gone afterwards.
      expect(await listManagedContainers(dirname(g.runs[0] as string))).toEqual([]);
    }
  }, 180_000);
});
