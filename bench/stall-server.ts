import { createServer } from 'node:http';

/**
 * A target that blocks its event loop for STALL_MS every EVERY_MS (default 300 ms every 2 s):
 * the coordinated-omission test. Prints its port on stdout.
 */
const stallMs = Number(process.env['STALL_MS'] ?? 300);
const everyMs = Number(process.env['EVERY_MS'] ?? 2000);
const server = createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
setInterval(() => {
  const until = performance.now() + stallMs;
  while (performance.now() < until);
}, everyMs);
