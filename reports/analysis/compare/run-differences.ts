import type { RunMeta } from '../../../core/run-dir/run-data.js';

/**
 * What makes two runs measure different things: another scenario, another load profile (its
 * executors as resolved, so `--duration` counts), or another target. Every run is checked
 * against the first base run, and each difference is named with both values, so a refusal
 * says exactly what to align (or to accept with --force).
 */
export function runDifferences(base: readonly RunMeta[], candidate: readonly RunMeta[]): string[] {
  const reference = base[0] ?? candidate[0];
  if (!reference) return [];
  const out: string[] = [];
  const all = [
    ...base.map((m, i) => ({ m, label: `base run ${i + 1} (${m.id})` })),
    ...candidate.map((m, i) => ({ m, label: `candidate run ${i + 1} (${m.id})` })),
  ];
  const refLabel = base[0] ? `base run 1 (${reference.id})` : `candidate run 1 (${reference.id})`;
  for (const { m, label } of all) {
    if (m === reference) continue;
    for (const [what, a, b] of aspects(reference, m)) {
      if (a === b) continue;
      const [shownA, shownB] = aroundFirstDifference(a, b);
      out.push(`${what}: ${refLabel} has ${shownA}, ${label} has ${shownB}`);
    }
  }
  return out;
}

function aspects(a: RunMeta, b: RunMeta): [string, string, string][] {
  return [
    ['scenario', JSON.stringify(a.scenario.name), JSON.stringify(b.scenario.name)],
    ['profile', profileOf(a), profileOf(b)],
    ['target', targetOf(a), targetOf(b)],
  ];
}

/** The executors as resolved (every option, in ms), or the stored profile when there are none. */
function profileOf(m: RunMeta): string {
  const executors = m.scenario.executors;
  return Object.keys(executors).length > 0 ? stableJson(executors) : stableJson(m.scenario.profile);
}

/** Name and provider; the URL only for an external target (local ports change every run). */
function targetOf(m: RunMeta): string {
  const t = m.target;
  return t.provider === 'external'
    ? `${t.name} (${t.provider}, ${t.baseUrl})`
    : `${t.name} (${t.provider})`;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : v,
  );
}

const CONTEXT = 40;

/** Long values (executors as JSON) shown around where they first differ. */
function aroundFirstDifference(a: string, b: string): [string, string] {
  if (a.length <= 2 * CONTEXT && b.length <= 2 * CONTEXT) return [a, b];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - CONTEXT);
  const clip = (s: string): string =>
    `${from > 0 ? '…' : ''}${s.slice(from, i + CONTEXT)}${i + CONTEXT < s.length ? '…' : ''}`;
  return [clip(a), clip(b)];
}
