import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { bundleK6Script } from '../../engines/k6/k6-script.js';
import { UsageError } from '../../../core/errors.js';
import { loadScenario } from '../../loader/load-scenario.js';

/** `loadrig export k6 <scenario>`: the typed scenario as one k6 script. */
export async function exportCommand(
  format: string,
  file: string,
  opts: { output?: string },
): Promise<number> {
  if (format !== 'k6')
    throw new UsageError(
      `cannot export to ${JSON.stringify(format)}`,
      'the one export format is k6: loadrig export k6 <scenario-file>',
    );
  const scenario = await loadScenario(file);
  const script = await bundleK6Script(file, scenario);
  const output = opts.output ?? `${basename(file).replace(/\.[cm]?[jt]s$/, '')}.k6.js`;
  writeFileSync(output, script);
  process.stdout.write(
    `wrote ${output}: run it with  k6 run -e BASE_URL=http://127.0.0.1:PORT ${output}\n`,
  );
  return 0;
}
