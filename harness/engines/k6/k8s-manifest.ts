/**
 * A k6-operator `TestRun` and the `ConfigMap` holding the bundled script. Each runner writes its
 * own JSON output to a shared volume (file named after its pod), so `loadrig import` can merge
 * them exactly afterwards.
 */
export interface K8sManifestOptions {
  name: string;
  script: string;
  parallelism: number;
  baseUrl: string;
  namespace?: string;
  /** PersistentVolumeClaim that receives each runner's `--out json` file. */
  resultsClaim?: string;
  /**
   * More k6 outputs (`influxdb=http://influxdb:8086/k6`). They join the JSON output in `K6_OUT`:
   * an `--out` in the TestRun's `arguments` would replace K6_OUT, and the JSON files with it.
   */
  outputs?: string[];
}

/** Kubernetes names: lower-case letters, digits and '-', at most 63 characters. */
export function k8sName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug || 'loadrig').slice(0, 50);
}

// JSON strings are valid YAML scalars, with every character escaped.
const q = (s: string): string => JSON.stringify(s);

export function k8sManifest(o: K8sManifestOptions): string {
  const name = k8sName(o.name);
  const ns = o.namespace ? `\n  namespace: ${q(o.namespace)}` : '';
  const script = o.script
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');
  const results = o.resultsClaim
    ? `
    volumes:
      - name: results
        persistentVolumeClaim:
          claimName: ${q(o.resultsClaim)}
    volumeMounts:
      - name: results
        mountPath: /results`
    : '';
  // k6 reads K6_OUT as a comma-separated list; $(POD_NAME) gives each runner its own file.
  const outputs = [
    ...(o.resultsClaim ? ['json=/results/$(POD_NAME).ndjson'] : []),
    ...(o.outputs ?? []),
  ];
  // The summary export is the only place k6 writes thresholds on tagged metrics.
  const out =
    (outputs.length > 0
      ? `
      - name: K6_OUT
        value: ${q(outputs.join(','))}`
      : '') +
    (o.resultsClaim
      ? `
      - name: K6_SUMMARY_EXPORT
        value: "/results/$(POD_NAME).summary.json"`
      : '');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${q(`${name}-script`)}${ns}
  labels:
    app.kubernetes.io/managed-by: loadrig
data:
  script.js: |
${script}
---
apiVersion: k6.io/v1alpha1
kind: TestRun
metadata:
  name: ${q(name)}${ns}
  labels:
    app.kubernetes.io/managed-by: loadrig
spec:
  parallelism: ${o.parallelism}
  script:
    configMap:
      name: ${q(`${name}-script`)}
      file: script.js
  arguments: ${q(`--no-usage-report -e BASE_URL=${o.baseUrl}`)}
  runner:
    env:
      - name: POD_NAME
        valueFrom:
          fieldRef:
            fieldPath: metadata.name${out}${results}
`;
}
