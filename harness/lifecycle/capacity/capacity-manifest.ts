import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RunDirError } from '../../../core/errors.js';

/**
 * capacity-runs.json: what a stepped measurement ran, written after every step, so a folder of
 * step runs can be analysed again (`loadrig capacity --from <folder>`), even one a crash cut short.
 */
export const CAPACITY_MANIFEST_FILE = 'capacity-runs.json';

export const capacityManifestSchema = z.object({
  schemaVersion: z.literal(1),
  scenario: z.string(),
  scenarioFile: z.string().optional(),
  slo: z.string(),
  maxErrorRate: z.number(),
  targetRatePerSec: z.number().nullable(),
  headroom: z.number(),
  plan: z.object({
    model: z.enum(['closed', 'open']),
    levels: z.array(z.number()),
    stepDurationMs: z.number(),
    steadiness: z.object({ windowSeconds: z.number(), cvBound: z.number() }),
    measureSeconds: z.number(),
  }),
  sweep: z.object({ setting: z.string(), values: z.array(z.number()) }).nullable(),
  groups: z.array(
    z.object({
      label: z.string(),
      instances: z.number(),
      /** Step run directories, relative to the folder holding this file. */
      runs: z.array(z.string()),
      stoppedEarly: z.string().nullable(),
    }),
  ),
});

export type CapacityManifest = z.infer<typeof capacityManifestSchema>;

export function writeManifest(dir: string, manifest: CapacityManifest): void {
  const path = join(dir, CAPACITY_MANIFEST_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

export function hasManifest(dir: string): boolean {
  return existsSync(join(dir, CAPACITY_MANIFEST_FILE));
}

export function readManifest(dir: string): CapacityManifest {
  const path = join(dir, CAPACITY_MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RunDirError(
      path,
      `${path} is not readable JSON: ${(e as Error).message}`,
      undefined,
      {
        code: 'E_RUN_DATA',
      },
    );
  }
  const parsed = capacityManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    }));
    throw new RunDirError(
      path,
      `${path} does not follow the capacity format:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
      'see docs/capacity-format.md',
      { code: 'E_RUN_DATA', issues },
    );
  }
  return parsed.data;
}
