import type { SideSummary } from '../../analysis/compare/comparison.js';

/** `3 runs of abc123def456 (main), 58–60 steady s each`: one side in a line. */
export function sideLine(side: SideSummary): string {
  const commits = [...new Set(side.runs.map((r) => (r.commit ? r.commit.slice(0, 12) : '')))]
    .filter((c) => c !== '')
    .map((c) => {
      const run = side.runs.find((r) => r.commit?.startsWith(c));
      const branch = run?.branch && run.branch !== 'HEAD' ? run.branch : undefined;
      return `${c}${branch ? ` (${branch}${run?.dirty ? ', dirty' : ''})` : ''}`;
    });
  const seconds = side.runs.map((r) => r.steadySeconds);
  const lo = Math.min(...seconds);
  const hi = Math.max(...seconds);
  const steady = lo === hi ? `${lo}` : `${lo}–${hi}`;
  const n = side.runs.length;
  return `${n} run${n === 1 ? '' : 's'}${commits.length > 0 ? ` of ${commits.join(', ')}` : ''}, ${steady} steady s${n === 1 ? '' : ' each'}`;
}
