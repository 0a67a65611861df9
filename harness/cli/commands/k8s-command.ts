import { writeFileSync } from 'node:fs';
import { bundleK6Script } from '../../engines/k6/k6-script.js';
import { k8sManifest, k8sName } from '../../engines/k6/k8s-manifest.js';
import { UsageError } from '../../../core/errors.js';
import { loadScenario } from '../../loader/load-scenario.js';

export interface K8sCommandOptions {
  parallelism: string;
  baseUrl: string;
  namespace?: string;
  resultsClaim?: string;
  k6Out?: string[];
  output?: string;
}

/** `loadrig k8s <scenario> --parallelism N`: a TestRun and its script for the k6-operator. */
export async function k8sCommand(file: string, opts: K8sCommandOptions): Promise<number> {
  const parallelism = Number(opts.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 1000) {
    throw new UsageError(
      `--parallelism ${opts.parallelism} is not a whole number from 1 to 1000`,
      'e.g. --parallelism 4',
    );
  }
  if (!/^https?:\/\//.test(opts.baseUrl)) {
    throw new UsageError(
      `--base-url ${opts.baseUrl} is not an http(s) URL`,
      'give the URL the runners reach the target at, e.g. --base-url http://api.default.svc:8080',
    );
  }
  for (const out of opts.k6Out ?? []) {
    // k6 splits K6_OUT at commas, and an --out in `arguments` would replace K6_OUT altogether.
    if (!/^[a-z][\w-]*(=|$)/i.test(out) || out.includes(',')) {
      throw new UsageError(
        `--k6-out ${out} is not one k6 output`,
        'give one output per flag, as k6 --out takes it, without commas: --k6-out influxdb=http://influxdb:8086/k6',
      );
    }
  }
  const scenario = await loadScenario(file);
  const script = await bundleK6Script(file, scenario);
  if (Buffer.byteLength(script) > 1_000_000) {
    throw new UsageError(
      `the bundled script is ${Buffer.byteLength(script)} bytes, above a ConfigMap's 1 MiB limit`,
      'trim what the flow imports',
    );
  }
  const manifest = k8sManifest({
    name: scenario.name,
    script,
    parallelism,
    baseUrl: opts.baseUrl,
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    ...(opts.resultsClaim !== undefined ? { resultsClaim: opts.resultsClaim } : {}),
    ...(opts.k6Out !== undefined ? { outputs: opts.k6Out } : {}),
  });
  const output = opts.output ?? `${k8sName(scenario.name)}.testrun.yaml`;
  writeFileSync(output, manifest);
  process.stdout.write(`wrote ${output}: kubectl apply -f ${output}\n`);
  return 0;
}
