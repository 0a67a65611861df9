import type { RunData } from '../../../core/run-dir/run-data.js';
import type { RunSeconds } from './run-seconds.js';
import { runDifferences } from './run-differences.js';
import { SERVER_SOURCES, type ServerSource } from './server-sources.js';

/** Fewer steady seconds than this in a run and its intervals rest on too little data. */
const FEW_SECONDS = 10;
/** benchstat's rule of thumb for the rank test at alpha 0.05. */
const RANK_SAMPLES = 4;

const SOURCE_LABELS: Record<ServerSource, string> = {
  cpu: 'CPU per request',
  memory: 'memory slope',
  eventLoopP99: 'event-loop delay p99',
  gcPause: 'GC time',
};

/** What a reader of the verdict should know about the data behind it. */
export function compareWarnings(
  base: readonly RunData[],
  candidate: readonly RunData[],
  baseSeconds: readonly RunSeconds[],
  candidateSeconds: readonly RunSeconds[],
  sources: Partial<Record<ServerSource, string>>,
  onlyIn: { base: string[]; candidate: string[] },
): string[] {
  const out: string[] = [];
  for (const d of runDifferences(
    base.map((r) => r.meta),
    candidate.map((r) => r.meta),
  )) {
    out.push(`compared despite a difference (--force): ${d}`);
  }
  for (const [side, runs] of [
    ['base', base],
    ['candidate', candidate],
  ] as const) {
    if (runs.length > 1 && runs.length < RANK_SAMPLES) {
      out.push(
        `${side} has ${runs.length} runs: the rank test needs >= ${RANK_SAMPLES} samples per side to detect a difference at alpha level 0.05 (benchstat); the bootstrap decides`,
      );
    }
  }
  if ((base.length === 1) !== (candidate.length === 1)) {
    const single = base.length === 1 ? 'base' : 'candidate';
    out.push(
      `the ${single} has one run: how much a second run of it would differ is not measured on that side`,
    );
  }
  if (base.length === 1 && candidate.length === 1) {
    out.push(
      'one run per side: the intervals cover the noise within each run, not from one run to the next; `loadrig ab` with rounds measures both',
    );
  }
  const all = [
    ...baseSeconds.map((s, i) => ({ s, run: base[i]!, side: 'base' })),
    ...candidateSeconds.map((s, i) => ({ s, run: candidate[i]!, side: 'candidate' })),
  ];
  const few: number[] = [];
  for (const { s, run, side } of all) {
    const name = `${side} run ${run.meta.id}`;
    if (s.source === 'loaded') {
      out.push(`${name} records no hold phase: every second with load counts, ramps included`);
    }
    const seconds = s.span.reduce((a, b) => a + b, 0);
    if (seconds < FEW_SECONDS) few.push(seconds);
    if (run.meta.status !== 'passed' && run.meta.status !== 'failed') {
      out.push(`${name} ended ${run.meta.status}: it covers only part of its profile`);
    }
    const generator = run.meta.engineResult?.generator;
    if (generator && !generator.reliable) {
      out.push(
        `${name}: the load generator could not keep its schedule (${generator.reasons.join('; ')})`,
      );
    }
  }
  if (few.length > 0) {
    const lo = Math.min(...few);
    const hi = Math.max(...few);
    out.push(
      `${few.length} of ${all.length} runs have fewer than ${FEW_SECONDS} steady seconds (${lo === hi ? lo : `${lo}–${hi}`}): their figures rest on little data; longer runs (--round-duration) narrow the intervals`,
    );
  }
  const hosts = (runs: readonly RunData[]) =>
    new Set(runs.map((r) => `${r.meta.host.hostname} (${r.meta.host.cpus} CPUs)`));
  const baseHosts = hosts(base);
  const candidateHosts = hosts(candidate);
  if ([...candidateHosts].some((h) => !baseHosts.has(h))) {
    out.push(
      `the sides ran on different machines (base: ${[...baseHosts].join(', ')}; candidate: ${[...candidateHosts].join(', ')})`,
    );
  }
  for (const kind of Object.keys(SERVER_SOURCES) as ServerSource[]) {
    if (sources[kind] !== undefined) continue;
    const lacking = [...base, ...candidate].filter(
      (r) => SERVER_SOURCES[kind](r.meta).length === 0,
    );
    if (lacking.length > 0 && lacking.length < base.length + candidate.length) {
      out.push(
        `${SOURCE_LABELS[kind]} not compared: run ${lacking[0]!.meta.id} records no series for it`,
      );
    }
  }
  if (onlyIn.base.length > 0) out.push(`endpoints only in base: ${onlyIn.base.join(', ')}`);
  if (onlyIn.candidate.length > 0) {
    out.push(`endpoints only in candidate: ${onlyIn.candidate.join(', ')}`);
  }
  return out;
}
