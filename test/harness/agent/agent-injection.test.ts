import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_AGENT_PATH,
  containerAgent,
  looksLikeNode,
  nodeOptionsWithAgent,
  prepareAgent,
} from '../../../harness/agent/agent-injection.js';

describe('agent injection', () => {
  it.each([
    [['node', 'server.js'], true],
    [[process.execPath, 'server.js'], true],
    [['/usr/local/bin/node22', 'x.js'], true],
    [['npm', 'start'], true],
    ['npx tsx server.ts', true],
    [['python3', 'app.py'], false],
    ['./run.sh', false],
  ] as const)('knows whether %j starts Node', (command, expected) => {
    expect(looksLikeNode(command as string[] | string)).toBe(expected);
  });

  it("appends the preload to the target's own NODE_OPTIONS, quoted so spaces survive", () => {
    expect(nodeOptionsWithAgent(undefined, '/a/agent.cjs')).toBe('--require="/a/agent.cjs"');
    expect(nodeOptionsWithAgent(' --max-old-space-size=100 ', '/my dir/agent.cjs')).toBe(
      '--max-old-space-size=100 --require="/my dir/agent.cjs"',
    );
  });

  it('produces NODE_OPTIONS that Node accepts with a path containing spaces', () => {
    const options = nodeOptionsWithAgent('--max-old-space-size=64', '/tmp/no such dir/a.cjs');
    const out = spawnSync(process.execPath, ['-e', '0'], {
      env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: options },
      encoding: 'utf8',
    });
    // Node parsed the quoted path as one argument: it looked for exactly that file.
    expect(out.stderr).toContain("Cannot find module '/tmp/no such dir/a.cjs'");
  });
});

describe('agent injection for a container', () => {
  it('mounts the script read-only and the socket directory at its host path', async () => {
    const injection = await prepareAgent('--max-old-space-size=100');
    expect(injection).toBeDefined();
    if (!injection) return;
    try {
      const { binds, env } = containerAgent(injection, undefined);
      const socketDir = injection.socketPath.slice(0, injection.socketPath.lastIndexOf('/'));
      expect(binds).toEqual([
        { source: injection.scriptPath, target: CONTAINER_AGENT_PATH, readOnly: true },
        { source: socketDir, target: socketDir, readOnly: false },
      ]);
      expect(env).toEqual({
        NODE_OPTIONS: `--require="${CONTAINER_AGENT_PATH}"`,
        LOADRIG_AGENT_SOCKET: injection.socketPath,
      });
      expect(injection.env['NODE_OPTIONS']).toBe(
        `--max-old-space-size=100 --require="${injection.scriptPath}"`,
      );
    } finally {
      await injection.cleanup();
    }
  });
});
