import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Ms } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import { runId } from '../../core/run-dir/run-files.js';
import type { Scenario } from '../../scenarios/scenario.js';
import type { TargetSpec } from '../../targets/target.js';
import { runScenario } from '../lifecycle/run-scenario.js';
import { loadScenario } from '../loader/load-scenario.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import { buildTarget } from './build-target.js';
import { git, gitTopLevel, resolveCommit } from './git.js';
import { RefWorktrees, type Side } from './ref-worktrees.js';
import { balancedOrder } from './round-order.js';
import { sideDifferences } from './side-differences.js';
import { targetInWorktree } from './target-in-worktree.js';

export interface AbOptions {
  scenarioFile: string;
  refs: Record<Side, string>;
  roundsPerSide: number;
  roundDurationMs?: Ms;
  engine: string;
  /** Run the rounds even when the refs' scenario files differ in name, profile or target. */
  force: boolean;
  /** Where the ab folder is created. */
  outDir: string;
  cwd: string;
  interrupt: AbortSignal;
  progress: () => ProgressListener;
  log: (line: string) => void;
}

export interface AbResult {
  dir: string;
  runs: Record<Side, string[]>;
  /** 130 when interrupted, else 0 (a round's failed thresholds do not stop the rounds). */
  exitCode: number;
}

/**
 * Checks both refs out into temporary worktrees, builds each once (the target's `build`),
 * runs the rounds in balanced order with each side's own scenario file and target, and keeps
 * every run under one folder (`base/`, `candidate/`, `ab.json`). The worktrees are removed
 * whatever happens.
 */
export async function runAb(opts: AbOptions): Promise<AbResult> {
  const top = gitTopLevel(opts.cwd);
  const scenarioRel = relative(top, resolve(opts.cwd, opts.scenarioFile));
  if (scenarioRel.startsWith('..')) {
    throw new UsageError(
      `scenario ${opts.scenarioFile} lies outside the repository ${top}`,
      'ab loads the scenario file from each ref; keep it in the repository',
    );
  }
  const commits = {
    base: resolveCommit(top, opts.refs.base),
    candidate: resolveCommit(top, opts.refs.candidate),
  };
  if (git(top, ['status', '--porcelain', '--untracked-files=no']) !== '') {
    opts.log('note: the working tree has uncommitted changes; ab runs the committed refs only');
  }
  const trees = RefWorktrees.create(top, commits);
  opts.log(
    `worktrees: ${trees.paths.base} (${opts.refs.base} ${commits.base.slice(0, 12)}), ${trees.paths.candidate} (${opts.refs.candidate} ${commits.candidate.slice(0, 12)})`,
  );
  try {
    const scenarios = {} as Record<
      Side,
      { scenario: Scenario; target: TargetSpec; file: string; worktree: string }
    >;
    for (const side of ['base', 'candidate'] as const) {
      const worktree = trees.paths[side];
      const file = join(worktree, scenarioRel);
      const loaded = await loadScenario(file);
      const target = targetInWorktree(loaded.target, { top, worktree, cwd: opts.cwd });
      scenarios[side] = { scenario: { ...loaded, target }, target, file, worktree };
    }
    const differences = sideDifferences(scenarios, opts.roundDurationMs);
    if (differences.length > 0 && !opts.force) {
      throw new UsageError(
        `the refs' scenarios measure different things:\n${differences.map((d) => `  - ${d}`).join('\n')}`,
        'align the scenario file on both refs, or pass --force to run and compare them anyway',
      );
    }
    for (const side of ['base', 'candidate'] as const) {
      const { target, worktree } = scenarios[side];
      if (target.kind === 'local' && target.build !== undefined) {
        opts.log(`building ${side} (${opts.refs[side]}) in ${target.cwd}`);
        await buildTarget({
          command: target.build,
          cwd: target.cwd ?? worktree,
          what: `${side} ${opts.refs[side]}`,
        });
      }
      if (opts.interrupt.aborted)
        return { dir: '', runs: { base: [], candidate: [] }, exitCode: EXIT.interrupted };
    }
    const dir = join(opts.outDir, runId(new Date(), `ab-${scenarios.base.scenario.name}`));
    mkdirSync(dir, { recursive: true });
    const order = balancedOrder(opts.roundsPerSide);
    const runs: AbResult['runs'] = { base: [], candidate: [] };
    const rounds: { side: Side; dir: string; exitCode: number }[] = [];
    const manifest = () => ({
      schemaVersion: 1,
      scenario: scenarioRel,
      base: { ref: opts.refs.base, commit: commits.base },
      candidate: { ref: opts.refs.candidate, commit: commits.candidate },
      order,
      roundDurationMs: opts.roundDurationMs ?? null,
      rounds: rounds.map((r) => ({ ...r, dir: relative(dir, r.dir) })),
    });
    for (const [i, side] of order.entries()) {
      if (opts.interrupt.aborted) break;
      opts.log(`── round ${i + 1}/${order.length}: ${side} (${opts.refs[side]}) ──`);
      const { scenario, file, worktree } = scenarios[side];
      const outcome = await runScenario({
        scenario,
        scenarioFile: file,
        outDir: join(dir, side),
        ...(opts.roundDurationMs !== undefined ? { durationMs: opts.roundDurationMs } : {}),
        engine: opts.engine,
        interrupt: opts.interrupt,
        progress: opts.progress(),
        cwd: worktree,
      });
      rounds.push({ side, dir: outcome.dir, exitCode: outcome.exitCode });
      writeFileSync(join(dir, 'ab.json'), JSON.stringify(manifest(), null, 2) + '\n');
      if (outcome.exitCode === EXIT.interrupted) break;
      runs[side].push(outcome.dir);
    }
    return { dir, runs, exitCode: opts.interrupt.aborted ? EXIT.interrupted : EXIT.ok };
  } finally {
    trees.remove();
    opts.log('worktrees removed');
  }
}
