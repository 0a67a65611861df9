import type { ClientBucket, RunData, ServerSample } from '../../../core/run-dir/run-data.js';
import { steadySeconds } from '../../../core/run-dir/phases.js';
import { combinedDurations, groupEndpoints, type EndpointGroups } from '../endpoints.js';
import { runWindow } from '../run-window.js';

/**
 * The seconds of a run that are comparable across runs: its hold phases (no warm-up, ramps or
 * drain), or the whole run when it recorded none (k6 imports, scripts without stages).
 */
export class SteadyWindow {
  readonly kind: 'steady' | 'whole';
  readonly client: ClientBucket[];
  readonly server: ServerSample[];
  /** Length of the window in seconds: the divisor of per-second rates. */
  readonly seconds: number;
  readonly fromT: number | null;
  readonly toT: number | null;
  private groups: EndpointGroups | undefined;

  constructor(run: RunData) {
    const steady = steadySeconds(run.meta.phases);
    this.kind = steady.size > 0 ? 'steady' : 'whole';
    if (steady.size > 0) {
      this.client = run.client.filter((b) => steady.has(b.t));
      this.server = run.server.filter((s) => steady.has(s.t));
      this.seconds = steady.size;
      let fromT = Infinity;
      let toT = -Infinity;
      for (const t of steady) {
        fromT = Math.min(fromT, t);
        toT = Math.max(toT, t);
      }
      this.fromT = fromT;
      this.toT = toT;
    } else {
      const span = runWindow(run.client);
      this.client = run.client;
      this.server = run.server;
      this.seconds = span.durationSec;
      this.fromT = span.startT;
      this.toT = span.endT;
    }
  }

  /** Requests merged by endpoint, once: every latency figure reads the same histograms. */
  endpoints(): EndpointGroups {
    this.groups ??= groupEndpoints(this.client);
    return this.groups;
  }

  /** http_req_duration over every endpoint. */
  allDurations() {
    return combinedDurations(this.endpoints());
  }
}

/** `GET /api/orders`: how an endpoint is named in figure keys and charts. */
export function endpointLabel(groupKey: string): string {
  const [name, method] = JSON.parse(groupKey) as [string, string];
  return method ? `${method} ${name}` : name;
}
