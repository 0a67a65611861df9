import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeAgentCollector } from '../../../harness/collectors/node-agent-collector.js';
import { providers } from '../../../harness/providers/index.js';
import type { RunningTarget } from '../../../harness/providers/provider.js';
import { sampleApi } from '../../../targets/sample-api/index.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AgentRun {
  target: RunningTarget;
  collector: NodeAgentCollector;
  dispose(): Promise<void>;
}

/** The sample API in a mode, started by the local provider (which preloads the agent). */
export async function startWithAgent(env: Record<string, string>): Promise<AgentRun> {
  const dir = await mkdtemp(join(tmpdir(), 'loadrig-agent-test-'));
  const target = await providers.local.start(sampleApi({ env }), { logFile: join(dir, 'log') });
  const source = target.metricSources.find((s) => s.kind === 'node-agent');
  if (source?.kind !== 'node-agent') throw new Error('the local provider announced no agent');
  const collector = new NodeAgentCollector(source.socketPath, 'sample-api');
  await collector.listening;
  const deadline = Date.now() + 5000;
  while (collector.reportingProcesses === 0 && Date.now() < deadline) await sleep(100);
  return {
    target,
    collector,
    dispose: async () => {
      await collector.close();
      await target.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `concurrency` loops of GET `path` for `durationMs`; resolves with the request count. */
export async function drive(
  baseUrl: string,
  path: string,
  durationMs: number,
  concurrency = 4,
): Promise<number> {
  const end = Date.now() + durationMs;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await (await fetch(baseUrl + path)).arrayBuffer();
        count++;
      }
    }),
  );
  return count;
}

/** One collector sample per second while `load` runs, for `seconds`. */
export async function sampleWhile(
  collector: NodeAgentCollector,
  seconds: number,
  load: Promise<unknown>,
): Promise<Record<string, number>[]> {
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    samples.push(await collector.sample(Date.now()));
  }
  await load;
  return samples;
}
