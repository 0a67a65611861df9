import { describe, expect, it } from 'vitest';
import { RunWriteError } from '../../../core/errors.js';
import { exitCodeFor } from '../../../core/exit-codes.js';
import type { Engine, EngineResult } from '../../../harness/engines/engine.js';
import { driveLoad } from '../../../harness/lifecycle/drive-load.js';
import { ServerSampler } from '../../../harness/lifecycle/server-sampler.js';
import type { RunningTarget } from '../../../harness/providers/provider.js';
import { LineFile } from '../../../harness/store/line-file.js';
import type { RunStore } from '../../../harness/store/run-store.js';
import { scenario, soak } from '../../../scenarios/index.js';

const erofs = Object.assign(new Error('EROFS: read-only file system, write'), { code: 'EROFS' });

/** An engine that records a request every 50 ms until it is told to stop (or 20 s pass). */
const steadyEngine = (stopped: { at?: number }): Engine => ({
  async run(_plan, sink, signal, events): Promise<EngineResult> {
    events?.onStart?.(Date.now());
    const started = Date.now();
    while (!signal.aborted && Date.now() - started < 20_000) {
      sink.counter('http_reqs', { name: '/x' }, 1);
      await new Promise((r) => setTimeout(r, 50));
    }
    stopped.at = Date.now();
    return {
      iterations: 1,
      interruptedIterations: 0,
      droppedIterations: 0,
      flowErrors: {},
      peakVus: 1,
    };
  },
});

describe('a run directory that stops taking writes mid-run', () => {
  it('stops the load through the lifecycle and ends with E_RUN_WRITE naming the file (exit 3)', async () => {
    const stopped: { at?: number } = {};
    let seconds = 0;
    const store = {
      dir: '/runs/r1',
      appendSecond() {
        if (++seconds >= 2) throw new RunWriteError('/runs/r1/client.ndjson', erofs, '/runs/r1');
        return undefined;
      },
      appendClient: () => undefined,
      appendServer() {},
    } as unknown as RunStore;
    const target = {
      name: 't',
      baseUrl: 'http://127.0.0.1:1',
      metricSources: [],
      exited: new Promise(() => undefined),
      stop: async () => undefined,
      [Symbol.asyncDispose]: async () => undefined,
    } as unknown as RunningTarget;
    const warnings: string[] = [];
    const started = Date.now();
    const error = await driveLoad({
      engine: steadyEngine(stopped),
      scenario: scenario({
        name: 'write failure',
        target: 'http://127.0.0.1:1',
        profile: soak({ vus: 1, duration: '20s' }),
        flow: async () => undefined,
      }),
      profile: soak({ vus: 1, duration: '20s' }),
      target,
      sampler: new ServerSampler([]),
      store,
      interrupt: new AbortController().signal,
      progress: { warn: (m) => warnings.push(m) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunWriteError);
    const e = error as RunWriteError;
    expect(e.code).toBe('E_RUN_WRITE');
    expect(exitCodeFor(e.code)).toBe(3);
    expect(e.message).toBe(
      'cannot write /runs/r1/client.ndjson: the file system is read-only (EROFS); the load was stopped',
    );
    expect(e.hint).toContain('kept in /runs/r1');
    // Stopped within a second or two of the failed write, not after the profile's 20 s.
    expect((stopped.at ?? Infinity) - started).toBeLessThan(6_000);
    expect(warnings).toContain(
      'stopping the load: /runs/r1/client.ndjson cannot be written (EROFS)',
    );
  });
});

describe('LineFile: one whole NDJSON line at a time', () => {
  it('turns a failed write into RunWriteError naming the file, and refuses every later line', () => {
    const file = LineFile.open('/dev/full');
    const first = (() => {
      try {
        file.append('{"t":1}');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(first).toBeInstanceOf(RunWriteError);
    expect((first as RunWriteError).message).toBe(
      'cannot write /dev/full: no space left on the device (ENOSPC)',
    );
    expect(() => file.append('{"t":2}')).toThrow(first as Error);
    file.close();
  });

  it('names a file it cannot open', () => {
    expect(() => LineFile.open('/proc/version/nope.ndjson')).toThrow(
      /^cannot write \/proc\/version\/nope\.ndjson: /,
    );
  });
});
