import { describe, expect, it } from 'vitest';
import { outputLines, resolveRunsAndOutputs } from '../../../harness/cli/runs-flags.js';
import { parseOutputSpec } from '../../../harness/sinks/index.js';

describe('--runs and --out', () => {
  it('defaults the runs folder to runs, with no outputs', () => {
    expect(resolveRunsAndOutputs({})).toEqual({ runsDir: 'runs', outputs: [] });
  });

  it('takes --runs, and every --out name=target as an output', () => {
    const notices: string[] = [];
    const r = resolveRunsAndOutputs(
      {
        runs: 'nightly',
        out: ['influxdb=http://127.0.0.1:8086/a', 'influxdb=http://127.0.0.1:8086/b'],
      },
      (m) => notices.push(m),
    );
    expect(r).toEqual({
      runsDir: 'nightly',
      outputs: [
        { name: 'influxdb', target: 'http://127.0.0.1:8086/a' },
        { name: 'influxdb', target: 'http://127.0.0.1:8086/b' },
      ],
    });
    expect(notices).toEqual([]);
  });

  it('keeps --out <dir> as the deprecated spelling of --runs, with one notice', () => {
    const notices: string[] = [];
    const r = resolveRunsAndOutputs({ out: ['old-runs'] }, (m) => notices.push(m));
    expect(r.runsDir).toBe('old-runs');
    expect(notices).toEqual([
      '--out old-runs is deprecated for the runs folder: use --runs old-runs',
    ]);
  });

  it('keeps -o (once the short form of --out) as a deprecated alias, with a notice saying which flag', () => {
    const notices: string[] = [];
    const r = resolveRunsAndOutputs({ o: ['old-runs', 'influxdb=http://127.0.0.1:8086/x'] }, (m) =>
      notices.push(m),
    );
    expect(r).toEqual({
      runsDir: 'old-runs',
      outputs: [{ name: 'influxdb', target: 'http://127.0.0.1:8086/x' }],
    });
    expect(notices).toEqual([
      '-o old-runs is deprecated: use --runs old-runs',
      '-o influxdb=http://127.0.0.1:8086/x is deprecated: use --out influxdb=http://127.0.0.1:8086/x',
    ]);
    expect(() => resolveRunsAndOutputs({ runs: 'a', o: ['b'] }, () => undefined)).toThrow(
      /given twice/,
    );
  });

  it('refuses two different runs folders', () => {
    expect(() => resolveRunsAndOutputs({ runs: 'a', out: ['b'] })).toThrow(/given twice/);
    expect(() => resolveRunsAndOutputs({ out: ['a', 'b'] })).toThrow(/given twice/);
  });

  it('names the valid outputs when one is unknown, and wants a target', () => {
    expect(() => parseOutputSpec('prometheus=http://x')).toThrow(/unknown output "prometheus"/);
    try {
      parseOutputSpec('statsd=udp://x');
    } catch (e) {
      expect((e as { hint?: string }).hint).toContain('influxdb=<target>');
    }
    expect(() => parseOutputSpec('influxdb=')).toThrow(/no target/);
  });
});

describe('outputLines', () => {
  it('says per output how many points it got, and what was lost', () => {
    expect(
      outputLines([
        {
          output: 'influxdb',
          target: 'http://h/db',
          pointsWritten: 10,
          pointsDropped: 0,
          failedWrites: 0,
        },
        {
          output: 'influxdb',
          target: 'http://x/db',
          pointsWritten: 0,
          pointsDropped: 4,
          failedWrites: 5,
          lastError: 'connect ECONNREFUSED',
        },
      ]),
    ).toBe(
      'influxdb: 10 points to http://h/db\ninfluxdb: 0 points to http://x/db (4 lost: connect ECONNREFUSED)\n',
    );
    expect(outputLines(undefined)).toBe('');
  });
});
