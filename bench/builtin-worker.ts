import { Aggregator } from '../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../harness/engines/builtin/single-thread-engine.js';
import { mergeMetric, trendPercentile } from '../core/series/merge.js';
import type { ClientBucket } from '../core/run-dir/run-data.js';
import { constantArrivalRate, constantVus } from '../scenarios/executors.js';
import { soak } from '../scenarios/profile.js';

/**
 * One bench round of the built-in engine, run in its own (pinned) process. Prints JSON.
 * argv: url connections seconds [rate] [sleepMs]: with a rate, constant-arrival-rate with up to
 * `connections` VUs; without, `connections` VUs looping (sleeping `sleepMs` between requests).
 */
const [url = '', connections = '50', seconds = '5', rate = '0', sleepMs = '0'] =
  process.argv.slice(2);
const target = new URL(url);
const vus = Number(connections);
const durationS = `${seconds}s`;
const executor =
  Number(rate) > 0
    ? constantArrivalRate({
        rate: Number(rate),
        duration: durationS,
        preAllocatedVUs: vus,
        maxVUs: vus,
      })
    : constantVus({ vus, duration: durationS });
const sink = new Aggregator();
const buckets: ClientBucket[] = [];
let peakRss = 0;
const timer = setInterval(() => {
  buckets.push(sink.flush(buckets.length));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 1000);
const path = target.pathname + target.search;
const pause = Number(sleepMs) / 1000;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await new SingleThreadEngine().run(
  {
    baseUrl: target.origin,
    profile: soak({ vus, duration: durationS }),
    executors: { default: { ...executor, gracefulStop: 2000 } },
    flow:
      pause > 0
        ? async (vu) => {
            await vu.http.get(path);
            await vu.sleep(pause);
          }
        : async (vu) => {
            await vu.http.get(path);
          },
    env: {},
    gracefulStopMs: 2000,
  },
  sink,
  new AbortController().signal,
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(timer);
buckets.push(sink.flush(buckets.length));
const latency = mergeMetric(buckets, 'http_req_duration');
const pct = (p: number): number =>
  latency?.kind === 'trend' ? trendPercentile(latency, p) : Number.NaN;
process.stdout.write(
  JSON.stringify({
    requests: result.iterations,
    dropped: result.droppedIterations,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes: Math.max(peakRss, process.memoryUsage().rss),
    p50: pct(50),
    p99: pct(99),
  }) + '\n',
);
