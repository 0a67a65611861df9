import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { k8sManifest, k8sName } from '../../../../harness/engines/k6/k8s-manifest.js';

const script =
  'import http from "k6/http";\n\nexport const options = { scenarios: {} };\nexport default async function () {\n  await http.asyncRequest("GET", __ENV.BASE_URL + "/");\n}\n';

describe('k6-operator manifest', () => {
  it('is a ConfigMap with the script byte for byte and a TestRun that uses it', () => {
    const docs = parseAllDocuments(
      k8sManifest({
        name: 'Checkout Flow!',
        script,
        parallelism: 4,
        baseUrl: 'http://api:8080',
        namespace: 'load',
      }),
    ).map((d) => d.toJS());
    expect(docs).toHaveLength(2);
    const [configMap, testRun] = docs;
    expect(configMap).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'checkout-flow-script', namespace: 'load' },
    });
    expect(configMap.data['script.js']).toBe(script);
    expect(testRun).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'checkout-flow', namespace: 'load' },
      spec: {
        parallelism: 4,
        script: { configMap: { name: 'checkout-flow-script', file: 'script.js' } },
        arguments: '--no-usage-report -e BASE_URL=http://api:8080',
      },
    });
  });

  it("sends each runner's JSON output to its own file on the results claim", () => {
    const [, testRun] = parseAllDocuments(
      k8sManifest({
        name: 'x',
        script,
        parallelism: 2,
        baseUrl: 'http://a',
        resultsClaim: 'k6-results',
      }),
    ).map((d) => d.toJS());
    expect(testRun.spec.runner.env).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'K6_OUT', value: 'json=/results/$(POD_NAME).ndjson' },
      { name: 'K6_SUMMARY_EXPORT', value: '/results/$(POD_NAME).summary.json' },
    ]);
    expect(testRun.spec.runner.volumes).toEqual([
      { name: 'results', persistentVolumeClaim: { claimName: 'k6-results' } },
    ]);
    expect(testRun.spec.runner.volumeMounts).toEqual([{ name: 'results', mountPath: '/results' }]);
  });

  it('adds other k6 outputs to K6_OUT, never to arguments (which would replace K6_OUT)', () => {
    const [, testRun] = parseAllDocuments(
      k8sManifest({
        name: 'x',
        script,
        parallelism: 2,
        baseUrl: 'http://a',
        resultsClaim: 'k6-results',
        outputs: ['influxdb=http://influxdb:8086/k6', 'experimental-prometheus-rw'],
      }),
    ).map((d) => d.toJS());
    expect(testRun.spec.arguments).not.toContain('--out');
    expect(testRun.spec.runner.env).toContainEqual({
      name: 'K6_OUT',
      value:
        'json=/results/$(POD_NAME).ndjson,influxdb=http://influxdb:8086/k6,experimental-prometheus-rw',
    });
  });

  it('makes valid Kubernetes names', () => {
    expect(k8sName('</script> Ünïcode__test')).toBe('script-n-code-test');
    expect(k8sName('***')).toBe('loadrig');
  });
});
