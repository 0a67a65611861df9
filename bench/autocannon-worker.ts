import autocannon from 'autocannon';

/** One bench round of autocannon, run in its own (pinned) process. Prints JSON like the built-in worker. */
const [url = '', connections = '50', seconds = '5'] = process.argv.slice(2);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes: process.memoryUsage().rss,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }) + '\n',
);
