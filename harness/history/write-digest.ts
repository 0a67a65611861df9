import { RUN_FILES } from '../../core/run-dir/run-files.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import type { RunDigest } from '../../core/run-dir/schema/digest.js';
import { digestRun } from '../../reports/analysis/history/run-digest.js';

/** Digests a finished run and writes digest.json beside its series (atomically). */
export function writeDigest(
  writer: { writeOutput(fileName: string, content: string): string },
  run: RunData,
): RunDigest {
  const digest = digestRun(run);
  writer.writeOutput(RUN_FILES.digest, JSON.stringify(digest, null, 2) + '\n');
  return digest;
}
