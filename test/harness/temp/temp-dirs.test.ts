import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cleanTempDirs } from '../../../harness/cli/commands/clean-command.js';
import { scanTempDirs } from '../../../harness/temp/dead-temp-dirs.js';
import { makeTempDir, removeTempDir, tempDirOwnerPid } from '../../../harness/temp/temp-dirs.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number;

function collect(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, text: () => text };
}

describe("loadrig's temp directories", () => {
  it('carry their owner pid and kind in their name, and are removed by their owner', async () => {
    const dir = makeTempDir('agent');
    expect(basename(dir)).toMatch(new RegExp(`^loadrig-${process.pid}-agent-\\w{6}$`));
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(tempDirOwnerPid(basename(dir))).toBe(process.pid);
    expect(tempDirOwnerPid('loadrig-agent-abc123')).toBeUndefined();
    writeFileSync(join(dir, 'agent.sock'), '');
    await removeTempDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('scan: those of dead processes with their size; live and unnamed ones are left alone', () => {
    const root = tempDir('loadrig-scan-root-');
    const dead = join(root, `loadrig-${deadPid}-lb-aaaaaa`);
    mkdirSync(join(dead, 'logs'), { recursive: true });
    writeFileSync(join(dead, 'nginx.conf'), 'x'.repeat(1000));
    writeFileSync(join(dead, 'logs', 'access.log'), 'y'.repeat(2500));
    mkdirSync(join(root, `loadrig-${process.pid}-agent-bbbbbb`));
    mkdirSync(join(root, 'loadrig-agent-cccccc'));
    writeFileSync(join(root, `loadrig-${deadPid}-not-a-dir`), '');
    mkdirSync(join(root, 'other-tool-dddddd'));
    const scan = scanTempDirs(root);
    expect(scan.dead).toEqual([{ path: dead, ownerPid: deadPid, bytes: 3500 }]);
    expect(scan.live).toBe(1);
    expect(scan.unowned).toBe(1);
  });

  it('loadrig clean removes those of dead runs and says how many and what size', async () => {
    const dead = join(tmpdir(), `loadrig-${deadPid}-k6-eeeeee`);
    mkdirSync(dead);
    writeFileSync(join(dead, 'out-0.ndjson'), 'z'.repeat(3 * 1024 * 1024));
    const live = makeTempDir('agent');
    const { out, text } = collect();
    expect(cleanTempDirs(out)).toBe(0);
    expect(text()).toMatch(
      /^temp directories: removed 1 left by dead runs \(3\.0 MB\); kept 1 of loadrig processes still running\n$/,
    );
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    const again = collect();
    cleanTempDirs(again.out);
    expect(again.text()).toMatch(/^temp directories: none left by dead runs; kept 1/);
    await removeTempDir(live);
    expect(readdirSync(tmpdir()).filter((n) => n.includes(String(deadPid)))).toEqual([]);
  });
});
