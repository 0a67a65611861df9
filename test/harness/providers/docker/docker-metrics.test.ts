import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dockerSeriesIds,
  statsBetween,
  type DockerStatsFrame,
} from '../../../../harness/collectors/docker-stats-collector.js';
import { UpstreamLogCollector } from '../../../../harness/collectors/upstream-log-collector.js';
import { nginxConfig } from '../../../../harness/providers/docker/nginx-config.js';
import { useTempDirs } from '../../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const frame = (
  cpuNs: number,
  systemNs: number,
  periods: number,
  throttled: number,
  throttledNs: number,
): DockerStatsFrame => ({
  cpu_stats: {
    cpu_usage: { total_usage: cpuNs },
    system_cpu_usage: systemNs,
    online_cpus: 2,
    throttling_data: { periods, throttled_periods: throttled, throttled_time: throttledNs },
  },
  memory_stats: {
    usage: 150 * 2 ** 20,
    limit: 256 * 2 ** 20,
    stats: { total_inactive_file: 22 * 2 ** 20 },
  },
});

describe('docker stats figures', () => {
  const ids = dockerSeriesIds('api');

  it('CPU in % of one core and of the quota, throttled periods and time, memory against the limit', () => {
    // 1 s of wall time on 2 cores = 2e9 ns of system time; the container used 0.5e9 ns.
    const values = statsBetween(
      frame(1e9, 10e9, 100, 5, 1e8),
      frame(1.5e9, 12e9, 110, 14, 4e8),
      ids,
      0.5,
      1,
    );
    expect(values[ids.cpu]).toBeCloseTo(50);
    expect(values[ids.cpuLimitPercent]).toBeCloseTo(100);
    expect(values[ids.throttledPeriods]).toBe(9);
    expect(values[ids.throttledPercent]).toBeCloseTo(90);
    expect(values[ids.throttledMs]).toBeCloseTo(300);
    expect(values[ids.memory]).toBe(128 * 2 ** 20);
    expect(values[ids.memoryLimitPercent]).toBeCloseTo(50);
    expect(values[ids.netRx]).toBeUndefined(); // host networking: no interface of its own
  });

  it('has gauges only on the first frame, and network rates when the container has interfaces', () => {
    const first = statsBetween(undefined, frame(1e9, 10e9, 0, 0, 0), ids, undefined, 0);
    expect(Object.keys(first).sort()).toEqual([ids.memory, ids.memoryLimitPercent].sort());
    const a = { ...frame(0, 0, 0, 0, 0), networks: { eth0: { rx_bytes: 1000, tx_bytes: 500 } } };
    const b = {
      ...frame(1e9, 2e9, 0, 0, 0),
      networks: { eth0: { rx_bytes: 3000, tx_bytes: 1500 } },
    };
    const values = statsBetween(a, b, ids, undefined, 2);
    expect(values[ids.netRx]).toBe(1000);
    expect(values[ids.netTx]).toBe(500);
    expect(values[ids.cpuLimitPercent]).toBeUndefined();
  });
});

describe('per-replica counters from the balancer access log', () => {
  const upstreams = { '127.0.0.1:9001': 'api-1', '127.0.0.1:9002': 'api-2' };

  it('counts by the upstream that answered (the last one after a retry)', () => {
    const counts = UpstreamLogCollector.count(
      [
        '127.0.0.1:9001|200|0.001',
        '127.0.0.1:9002|200|0.002',
        '127.0.0.1:9001, 127.0.0.1:9002|200|0.003, 0.001',
        '-|502|-',
      ],
      upstreams,
    );
    expect(counts).toEqual({ 'api-1': 1, 'api-2': 2, unanswered: 1 });
  });

  it('reads the log incrementally, keeping a torn last line for the next sample', async () => {
    const file = join(tempDir('loadrig-lb-'), 'access.log');
    const collector = new UpstreamLogCollector(file, 'api-lb', upstreams);
    expect(await collector.sample(0)).toEqual({});
    writeFileSync(file, '127.0.0.1:9001|200|0.001\n127.0.0.1:9002|200|0.001\n127.0.0.1:90');
    expect(await collector.sample(1000)).toEqual({
      'lb.api-lb.requests.api-1': 1,
      'lb.api-lb.requests.api-2': 1,
      'lb.api-lb.requests.unanswered': 0,
    });
    appendFileSync(file, '02|200|0.001\n');
    expect(await collector.sample(2000)).toMatchObject({
      'lb.api-lb.requests.api-2': 1,
      'lb.api-lb.requests.api-1': 0,
    });
    await collector.close();
  });
});

describe('nginx in front of replicas', () => {
  it('balances by least connections with a keep-alive pool and logs the upstream first', () => {
    const conf = nginxConfig({
      listen: '127.0.0.1:8080',
      upstreams: ['127.0.0.1:9001', '127.0.0.1:9002'],
      accessLog: '/var/log/loadrig/access.log',
    });
    expect(conf).toMatch(/upstream replicas \{\s+least_conn;/);
    expect(conf).toContain('server 127.0.0.1:9001');
    expect(conf).toContain('server 127.0.0.1:9002');
    expect(conf).toMatch(/keepalive \d+;/);
    expect(conf).toContain('proxy_http_version 1.1;');
    expect(conf).toContain('proxy_set_header Connection "";');
    expect(conf).toContain('listen 127.0.0.1:8080');
    expect(conf).toContain("log_format upstream '$upstream_addr|");
  });
});
