import { Aggregator } from '../harness/aggregator/aggregator.js';
import { BuiltinEngine } from '../harness/engines/builtin/builtin-engine.js';
import { soak } from '../scenarios/profile.js';

/** One bench round of the built-in engine, run in its own (pinned) process. Prints JSON. */
const [url = '', connections = '50', seconds = '5'] = process.argv.slice(2);
const target = new URL(url);
const sink = new Aggregator();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await new BuiltinEngine().run(
  {
    baseUrl: target.origin,
    profile: soak({ vus: Number(connections), duration: `${seconds}s` }),
    flow: async (vu) => {
      await vu.http.get(target.pathname);
    },
    env: {},
    gracefulStopMs: 2000,
  },
  sink,
  new AbortController().signal,
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  JSON.stringify({
    requests: result.iterations,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes: process.memoryUsage().rss,
  }) + '\n',
);
