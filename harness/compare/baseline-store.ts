import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { RunDirError, UsageError } from '../../core/errors.js';
import { readRun } from '../../core/run-dir/read-run.js';
import { RUN_FILES } from '../../core/run-dir/run-files.js';

/**
 * Named baselines, kept beside the runs in `<runs>/baselines/<name>/`: a copy of each run's
 * data (run.json, client.ndjson, server.ndjson, summary.json), so a baseline outlives the
 * runs it was saved from (CI artifacts expire, `runs/` gets cleaned), and `baseline.json`
 * saying what it holds. Reports are not copied: `loadrig report` rebuilds them from the data.
 */
export const BASELINES_DIR = 'baselines';
const MANIFEST = 'baseline.json';
const COPIED = [RUN_FILES.meta, RUN_FILES.client, RUN_FILES.server, RUN_FILES.summary];

const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  savedAt: z.string(),
  runs: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      scenario: z.string(),
      commit: z.string().optional(),
    }),
  ),
});
export type BaselineManifest = z.infer<typeof manifestSchema>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function baselineDir(runsDir: string, name: string): string {
  if (!NAME.test(name)) {
    throw new UsageError(
      `baseline name ${JSON.stringify(name)} is not valid`,
      'use letters, digits, ".", "_" or "-", e.g. release-1.4 or nightly',
    );
  }
  return join(runsDir, BASELINES_DIR, name);
}

/** Copies the runs into the baseline, replacing one of the same name once the copy is whole. */
export function saveBaseline(
  runsDir: string,
  name: string,
  runDirs: readonly string[],
  now: Date,
): BaselineManifest {
  const dir = baselineDir(runsDir, name);
  if (runDirs.length === 0) throw new UsageError('baseline save needs at least one run directory');
  const runs = runDirs.map((source) => ({ source, meta: readRun(source).meta }));
  const staging = `${dir}.saving-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const used = new Set<string>();
  const entries: BaselineManifest['runs'] = [];
  for (const { source, meta } of runs) {
    let id = meta.id || basename(source);
    for (let n = 2; used.has(id); n++) id = `${meta.id}-${n}`;
    used.add(id);
    mkdirSync(join(staging, id));
    for (const file of COPIED) {
      if (existsSync(join(source, file))) copyFileSync(join(source, file), join(staging, id, file));
    }
    entries.push({
      id,
      source,
      scenario: meta.scenario.name,
      ...(meta.git ? { commit: meta.git.commit } : {}),
    });
  }
  const manifest: BaselineManifest = {
    schemaVersion: 1,
    name,
    savedAt: now.toISOString(),
    runs: entries,
  };
  writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return manifest;
}

/** The run directories of a saved baseline, in the order they were saved. */
export function baselineRunDirs(runsDir: string, name: string): string[] {
  const manifest = readManifest(runsDir, name);
  return manifest.runs.map((r) => join(baselineDir(runsDir, name), r.id));
}

export function readManifest(runsDir: string, name: string): BaselineManifest {
  const dir = baselineDir(runsDir, name);
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) {
    const known = listBaselines(runsDir).map((m) => m.name);
    throw new UsageError(
      `no baseline named ${JSON.stringify(name)} in ${join(runsDir, BASELINES_DIR)}`,
      known.length > 0
        ? `saved baselines: ${known.join(', ')}`
        : `save one first: loadrig baseline save ${name} <run-dir...>`,
    );
  }
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new RunDirError(
      file,
      `${file} is not a baseline manifest: ${parsed.error.issues[0]?.message ?? ''}`,
      'save the baseline again',
    );
  }
  return parsed.data;
}

export function listBaselines(runsDir: string): BaselineManifest[] {
  const root = join(runsDir, BASELINES_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, MANIFEST)))
    .map((e) => readManifest(runsDir, e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}
