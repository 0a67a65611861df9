import { resolve } from 'node:path';
import { EXIT } from '../../../core/exit-codes.js';
import { listBaselines, saveBaseline, baselineDir } from '../../compare/baseline-store.js';
import { runDirsOf } from '../../compare/run-dirs.js';

/** `loadrig baseline save <name> <run-dir...>`: copies the runs' data under <runs>/baselines/<name>. */
export function baselineSaveCommand(name: string, dirs: string[], opts: { runs: string }): number {
  const runsDir = resolve(opts.runs);
  const runDirs = dirs.flatMap((d) => runDirsOf(d, 'run'));
  const manifest = saveBaseline(runsDir, name, runDirs, new Date());
  process.stdout.write(
    `baseline ${name}: ${manifest.runs.length} run${manifest.runs.length === 1 ? '' : 's'} of ${manifest.runs[0]!.scenario} saved in ${baselineDir(runsDir, name)}\n` +
      `compare against it with: loadrig compare --baseline ${name} <run-dir>  (or loadrig run <scenario> --baseline ${name})\n`,
  );
  return EXIT.ok;
}

/** `loadrig baseline list`: the saved baselines, one line each. */
export function baselineListCommand(opts: { runs: string }): number {
  const all = listBaselines(resolve(opts.runs));
  if (all.length === 0) process.stdout.write(`no baselines in ${resolve(opts.runs)}\n`);
  for (const b of all) {
    const commits = [...new Set(b.runs.map((r) => r.commit?.slice(0, 12)).filter(Boolean))];
    process.stdout.write(
      `${b.name}\t${b.runs.length} run${b.runs.length === 1 ? '' : 's'} of ${b.runs[0]?.scenario ?? '?'}\tsaved ${b.savedAt}${commits.length > 0 ? `\t${commits.join(', ')}` : ''}\n`,
    );
  }
  return EXIT.ok;
}
