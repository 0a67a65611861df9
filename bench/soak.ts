import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soakRun } from './soak-driver.js';

/**
 * The soak a nightly job runs, by hand: `npm run bench:soak` (one hour at 1,000 requests/s
 * against the sample API). Prints the loadrig process's RSS every minute (its engine threads
 * included), then the growth after warm-up. Figures, not assertions; the goal is under 10 MB.
 * BENCH_SOAK_MINUTES, BENCH_SOAK_RATE and BENCH_SOAK_WARMUP_MINUTES change the defaults.
 */
const minutes = Number(process.env['BENCH_SOAK_MINUTES'] ?? 60);
const ratePerSec = Number(process.env['BENCH_SOAK_RATE'] ?? 1000);
const warmupMinutes = Number(process.env['BENCH_SOAK_WARMUP_MINUTES'] ?? 5);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const workDir = mkdtempSync(join(tmpdir(), 'loadrig-soak-'));
try {
  console.log(`soak: ${minutes} min at ${ratePerSec} req/s against the sample API (GET /fast)`);
  console.log('minute   rss MB   threads   req/s');
  const result = await soakRun({
    minutes,
    ratePerSec,
    warmupMinutes,
    sampleEveryMs: 60_000,
    workDir,
    onSample: (s) =>
      console.log(
        `${String(Math.round(s.elapsedSec / 60)).padStart(6)} ${mb(s.rssBytes).padStart(8)} ${String(s.threads).padStart(9)} ${s.reqPerSec.toFixed(0).padStart(7)}`,
      ),
  });
  console.log(
    `\nexit ${result.exitCode}; achieved ${result.achievedReqPerSec.toFixed(0)} req/s over the run; peak RSS ${mb(result.peakRssBytes)} MB`,
  );
  console.log(
    `growth after minute ${warmupMinutes}: ${mb(result.growthBytes)} MB (slope ${mb(result.slopeBytesPerHour)} MB/hour; goal under 10 MB)`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
