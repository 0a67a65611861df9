import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT } from '../../../core/exit-codes.js';
import {
  analyseHistory,
  type HistoryAnalysis,
} from '../../../reports/analysis/history/history-analysis.js';
import {
  historyFormats,
  type HistoryFormatName,
} from '../../../reports/render/history/history-formats.js';
import type { HistorySource } from '../../../reports/render/history/history-json.js';
import {
  branchName,
  formatChange,
  shortCommit,
  shortDate,
} from '../../../reports/render/history/history-format.js';
import { loadInfluxHistory } from '../../history/influx-history.js';
import { loadHistoryRuns } from '../../history/load-history-runs.js';
import type { HistoryRun } from '../../../reports/analysis/history/history-run.js';
import { DEFAULT_RUNS_DIR } from '../runs-flags.js';
import {
  parseChangePointFlags,
  parseHistoryFailOn,
  parseRunFilter,
  type HistoryFlags,
} from './history-options.js';

/**
 * `loadrig history`: the runs of a folder (or of InfluxDB) as series over runs, change points
 * in each figure, history.html/.md/.json; exit 1 when the newest run starts or continues a
 * regression (unless --fail-on never).
 */
export async function historyCommand(flags: HistoryFlags): Promise<number> {
  const options = parseChangePointFlags(flags);
  const failOn = parseHistoryFailOn(flags.failOn);
  const filter = parseRunFilter(flags, Date.now());
  const runsDir = resolve(flags.runs ?? DEFAULT_RUNS_DIR);
  const outDir = resolve(flags.output ?? (flags.influx !== undefined ? '.' : runsDir));
  let runs: HistoryRun[];
  let source: HistorySource;
  if (flags.influx !== undefined) {
    const loaded = await loadInfluxHistory(flags.influx, filter);
    runs = loaded.runs;
    source = { kind: 'influxdb', location: loaded.display };
  } else {
    const loaded = loadHistoryRuns(runsDir, { filter, writtenTo: outDir });
    for (const s of loaded.skipped) process.stderr.write(`skipped ${s.dir}: ${s.reason}\n`);
    if (loaded.derived > 0) {
      process.stderr.write(
        `${loaded.derived} run(s) had no digest.json and were read whole (loadrig report <run-dir> writes one)\n`,
      );
    }
    runs = loaded.runs;
    source = { kind: 'runs', location: flags.runs ?? DEFAULT_RUNS_DIR };
  }
  const analysis = analyseHistory(runs, options);
  mkdirSync(outDir, { recursive: true });
  const written: Partial<Record<HistoryFormatName, string>> = {};
  for (const [name, format] of Object.entries(historyFormats)) {
    const content = format.render(analysis, source);
    const path = join(outDir, format.file);
    writeFileSync(`${path}.tmp`, content);
    renameSync(`${path}.tmp`, path);
    written[name as HistoryFormatName] = path;
    const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
    if (name === 'md' && stepSummary) appendFileSync(stepSummary, content + '\n');
  }
  process.stdout.write(consoleSummary(analysis) + '\n');
  for (const [name, path] of Object.entries(written)) process.stdout.write(`${name}: ${path}\n`);
  return failOn === 'regression' && analysis.regressions.length > 0 ? EXIT.failed : EXIT.ok;
}

function consoleSummary(analysis: HistoryAnalysis): string {
  const runs = analysis.groups.reduce((n, g) => n + g.runs.length, 0);
  const points = analysis.groups.reduce(
    (n, g) => n + g.metrics.reduce((k, m) => k + m.changePoints.length, 0),
    0,
  );
  const lines = [
    `history: ${runs} run(s) in ${analysis.groups.length} group(s) (${analysis.groups.map((g) => `${g.scenario} on ${branchName(g.branch)}`).join(', ') || 'none'}); ${points} change point(s)`,
  ];
  if (analysis.regressions.length === 0) {
    lines.push('newest run: no regression');
  } else {
    for (const r of analysis.regressions) {
      const c = r.metric.changePoints.at(-1)!;
      lines.push(
        `REGRESSION ${r.scenario} on ${branchName(r.branch)}: ${r.metric.label} ${formatChange(c)} since ${shortDate(c.startedAt)} (${shortCommit(c.commit)})${r.metric.newest === 'regression-starts' ? ', starting with the newest run' : ''}`,
      );
    }
  }
  return lines.join('\n');
}
