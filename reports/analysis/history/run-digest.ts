import type { RunData } from '../../../core/run-dir/run-data.js';
import { DIGEST_VERSION, type RunDigest } from '../../../core/run-dir/schema/digest.js';
import { figureKey } from './figure-key.js';
import { historyMetrics } from './metrics/index.js';
import { requestCount } from './metrics/throughput.js';
import { SteadyWindow } from './steady-window.js';

/** The figures of one run that its history follows (what digest.json holds). Pure. */
export function digestRun(run: RunData): RunDigest {
  const window = new SteadyWindow(run);
  const figures: Record<string, number> = {};
  for (const [metric, def] of Object.entries(historyMetrics)) {
    for (const [endpoint, value] of def.figures(window)) {
      if (Number.isFinite(value)) {
        figures[figureKey(endpoint === undefined ? { metric } : { metric, endpoint })] = value;
      }
    }
  }
  return {
    digestVersion: DIGEST_VERSION,
    runId: run.meta.id,
    window: {
      kind: window.kind,
      fromT: window.fromT,
      toT: window.toT,
      seconds: window.seconds,
    },
    requests: requestCount(window),
    figures,
  };
}
