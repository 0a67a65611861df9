import { seriesDescriber } from './series-describer.js';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { readProcessTree } from './proc-tree.js';

// /proc reports times in USER_HZ, which Linux fixes at 100 for user space on every mainstream
// architecture whatever the kernel's CONFIG_HZ, so `getconf CLK_TCK` would only ever say 100.
const TICKS_PER_SEC = 100;

export const PROCESS_SERIES = {
  cpu: 'process.cpu_percent',
  cpuUser: 'process.cpu_user_percent',
  cpuSystem: 'process.cpu_system_percent',
  rss: 'process.rss_bytes',
  threads: 'process.threads',
  openFds: 'process.open_fds',
} as const;

/** Cumulative CPU time of a process tree at one moment. */
export interface CpuReading {
  atMs: number;
  userTicks: number;
  systemTicks: number;
}

/**
 * CPU use between two readings, in percent of ONE core (two busy cores = 200). A tree that lost
 * a member (an orphan re-parented away) can show less time than before: that reads as 0.
 */
export function cpuPercent(
  before: CpuReading,
  after: CpuReading,
): { user: number; system: number } {
  const wallSec = (after.atMs - before.atMs) / 1000;
  const percent = (ticks: number): number => (Math.max(0, ticks) / TICKS_PER_SEC / wallSec) * 100;
  return {
    user: percent(after.userTicks - before.userTicks),
    system: percent(after.systemTicks - before.systemTicks),
  };
}

/**
 * Samples a process and all its descendants from /proc: CPU (from the change since the previous
 * sample, so the first sample has gauges only), RSS, threads and open file descriptors.
 * RSS is summed over the tree, so pages shared between forked workers count once per process.
 */
export class ProcessCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  #last: CpuReading | undefined;

  constructor(
    readonly pid: number,
    readonly label: string,
    private readonly clockMs: () => number = () => performance.now(),
  ) {
    const source = `process ${label} (pid ${pid})`;
    const info = seriesDescriber(label, source);
    this.series = [
      info(PROCESS_SERIES.cpu, 'CPU (user+system, % of one core)', 'percent'),
      info(PROCESS_SERIES.cpuUser, 'CPU user (% of one core)', 'percent'),
      info(PROCESS_SERIES.cpuSystem, 'CPU system (% of one core)', 'percent'),
      info(PROCESS_SERIES.rss, 'resident memory', 'bytes'),
      info(PROCESS_SERIES.threads, 'threads', 'count'),
      info(PROCESS_SERIES.openFds, 'open file descriptors', 'count'),
    ];
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    try {
      const tree = await readProcessTree(this.pid);
      const atMs = this.clockMs();
      if (!tree) {
        this.#last = undefined;
        return {}; // gone: a gap, not an error
      }
      let userTicks = 0;
      let systemTicks = 0;
      const values = {
        [PROCESS_SERIES.rss]: 0,
        [PROCESS_SERIES.threads]: 0,
        [PROCESS_SERIES.openFds]: 0,
      };
      for (const p of tree) {
        userTicks += p.utimeTicks + p.cutimeTicks;
        systemTicks += p.stimeTicks + p.cstimeTicks;
        values[PROCESS_SERIES.rss] += p.rssBytes;
        values[PROCESS_SERIES.threads] += p.threads;
        values[PROCESS_SERIES.openFds] += p.openFds;
      }
      const reading = { atMs, userTicks, systemTicks };
      const before = this.#last;
      this.#last = reading;
      if (!before || atMs <= before.atMs) return values;
      const { user, system } = cpuPercent(before, reading);
      return {
        ...values,
        [PROCESS_SERIES.cpu]: user + system,
        [PROCESS_SERIES.cpuUser]: user,
        [PROCESS_SERIES.cpuSystem]: system,
      };
    } catch {
      return {};
    }
  }
}
