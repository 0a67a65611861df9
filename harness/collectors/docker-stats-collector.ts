import { seriesDescriber } from './series-describer.js';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';

/** The parts of one Docker stats frame (API 1.41, cgroup v1 and v2) the collector reads. */
export interface DockerStatsFrame {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number };
    system_cpu_usage?: number;
    online_cpus?: number;
    throttling_data?: { periods?: number; throttled_periods?: number; throttled_time?: number };
  };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number>;
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

export interface DockerStatsOptions {
  containerId: string;
  label: string;
  /** The container's CPU quota in cores, when limited. */
  cpus?: number;
  memoryLimitBytes?: number;
}

const num = (value: number | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Memory as `docker stats` shows it: usage minus the page cache the kernel can drop. */
function workingSetBytes(frame: DockerStatsFrame): number | undefined {
  const usage = num(frame.memory_stats?.usage);
  if (usage === undefined) return undefined;
  const stats = frame.memory_stats?.stats ?? {};
  const cache = stats['total_inactive_file'] ?? stats['inactive_file'] ?? stats['cache'] ?? 0;
  return Math.max(0, usage - cache);
}

function networkBytes(frame: DockerStatsFrame): { rx: number; tx: number } | undefined {
  // Absent with host networking: the container has no interface of its own to count.
  if (!frame.networks) return undefined;
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(frame.networks)) {
    rx += net.rx_bytes ?? 0;
    tx += net.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/**
 * The figures between two stats frames of one container: CPU in % of one core and of its quota,
 * throttled periods and time, memory against its limit, network bytes. Pure, for tests.
 */
export function statsBetween(
  before: DockerStatsFrame | undefined,
  after: DockerStatsFrame,
  ids: ReturnType<typeof dockerSeriesIds>,
  cpusLimit: number | undefined,
  wallSec: number,
): Record<string, number> {
  const values: Record<string, number> = {};
  const memory = workingSetBytes(after);
  const limit = num(after.memory_stats?.limit);
  if (memory !== undefined) values[ids.memory] = memory;
  if (memory !== undefined && limit !== undefined && limit > 0) {
    values[ids.memoryLimitPercent] = (memory / limit) * 100;
  }
  if (!before) return values;
  const a = before.cpu_stats;
  const b = after.cpu_stats;
  const cpuDelta = (b?.cpu_usage?.total_usage ?? 0) - (a?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (b?.system_cpu_usage ?? 0) - (a?.system_cpu_usage ?? 0);
  const online = b?.online_cpus ?? 1;
  if (systemDelta > 0 && cpuDelta >= 0) {
    const percent = (cpuDelta / systemDelta) * online * 100;
    values[ids.cpu] = percent;
    if (cpusLimit) values[ids.cpuLimitPercent] = percent / cpusLimit;
  }
  const throttledPeriods =
    (b?.throttling_data?.throttled_periods ?? 0) - (a?.throttling_data?.throttled_periods ?? 0);
  const periods = (b?.throttling_data?.periods ?? 0) - (a?.throttling_data?.periods ?? 0);
  const throttledNs =
    (b?.throttling_data?.throttled_time ?? 0) - (a?.throttling_data?.throttled_time ?? 0);
  if (periods >= 0 && throttledPeriods >= 0) {
    values[ids.throttledPeriods] = throttledPeriods;
    if (periods > 0) values[ids.throttledPercent] = (throttledPeriods / periods) * 100;
    values[ids.throttledMs] = Math.max(0, throttledNs) / 1e6;
  }
  const netA = networkBytes(before);
  const netB = networkBytes(after);
  if (netA && netB && wallSec > 0) {
    values[ids.netRx] = Math.max(0, netB.rx - netA.rx) / wallSec;
    values[ids.netTx] = Math.max(0, netB.tx - netA.tx) / wallSec;
  }
  return values;
}

export function dockerSeriesIds(label: string) {
  const id = (name: string): string => `docker.${label}.${name}`;
  return {
    cpu: id('cpu_percent'),
    cpuLimitPercent: id('cpu_limit_percent'),
    throttledPeriods: id('throttled_periods'),
    throttledPercent: id('throttled_percent'),
    throttledMs: id('throttled_ms'),
    memory: id('memory_bytes'),
    memoryLimitPercent: id('memory_limit_percent'),
    netRx: id('net_rx_bytes_per_sec'),
    netTx: id('net_tx_bytes_per_sec'),
  };
}

/**
 * Streams a container's Docker stats (one frame a second from the daemon) and turns the latest
 * frame into figures over the interval since the previous sample.
 */
export class DockerStatsCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  readonly #ids: ReturnType<typeof dockerSeriesIds>;
  #latest: { frame: DockerStatsFrame; atMs: number } | undefined;
  #previous: { frame: DockerStatsFrame; atMs: number } | undefined;
  #stream: Readable | undefined;
  #opening: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly opts: DockerStatsOptions,
    private readonly docker: Docker = new Docker(),
  ) {
    this.#ids = dockerSeriesIds(opts.label);
    const source = `docker container ${opts.label} (${opts.containerId.slice(0, 12)})`;
    const info = seriesDescriber(opts.label, source);
    const ids = this.#ids;
    this.series = [
      info(ids.cpu, 'container CPU (% of one core)', 'percent'),
      ...(opts.cpus
        ? [info(ids.cpuLimitPercent, `container CPU (% of its ${opts.cpus}-core limit)`, 'percent')]
        : []),
      info(ids.throttledPeriods, 'CPU throttled periods (per sample)', 'count'),
      info(ids.throttledPercent, 'CPU periods throttled (%)', 'percent'),
      info(ids.throttledMs, 'CPU throttled time (ms per sample)', 'ms'),
      info(ids.memory, 'container memory (working set)', 'bytes'),
      info(ids.memoryLimitPercent, 'container memory (% of its limit)', 'percent'),
      info(ids.netRx, 'network received (bytes/s)', 'bytes'),
      info(ids.netTx, 'network sent (bytes/s)', 'bytes'),
    ];
  }

  #open(): Promise<void> {
    this.#opening ??= (async () => {
      const stream = (await this.docker
        .getContainer(this.opts.containerId)
        .stats({ stream: true })) as unknown as Readable;
      if (this.#closed) {
        stream.destroy();
        return;
      }
      this.#stream = stream;
      stream.on('error', () => undefined); // the container went away: gaps from now on
      const lines = createInterface({ input: stream });
      lines.on('line', (line) => {
        try {
          this.#latest = { frame: JSON.parse(line) as DockerStatsFrame, atMs: performance.now() };
        } catch {
          // a torn line; the next frame comes within a second
        }
      });
    })().catch(() => undefined);
    return this.#opening;
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    await this.#open();
    const latest = this.#latest;
    if (!latest) return {};
    const previous = this.#previous;
    if (previous && previous.frame === latest.frame) return {}; // no new frame: a gap
    this.#previous = latest;
    const wallSec = previous ? (latest.atMs - previous.atMs) / 1000 : 0;
    return statsBetween(previous?.frame, latest.frame, this.#ids, this.opts.cpus, wallSec);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stream?.destroy();
    await Promise.resolve();
  }
}
