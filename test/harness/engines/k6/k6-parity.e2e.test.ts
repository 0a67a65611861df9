import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClientBucket } from '../../../../core/run-dir/run-data.js';
import { Aggregator } from '../../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../../harness/engines/builtin/single-thread-engine.js';
import { flowExportNames } from '../../../../harness/engines/k6/flow-exports.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';
import { perVuIterations } from '../../../../scenarios/executors.js';
import { scenarios } from '../../../../scenarios/profile.js';
import type { Scenario } from '../../../../scenarios/scenario.js';
import { startServer, type TestServer } from '../../../helpers/http-server.js';
import { exportChecked } from '../../../helpers/k6/check-k6-script.js';
import { runOnK6Doubles } from '../../../helpers/k6/k6-double-run.js';
import {
  builtinTable,
  k6Table,
  sortedRequests,
  type SeenRequest,
} from '../../../helpers/k6/parity.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../../fixtures/scenarios', name);

/** The test server both engines talk to: fixed answers, and a log of what it received. */
async function parityServer(): Promise<TestServer & { seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      seen.push({
        method: req.method ?? '',
        url,
        contentType: req.headers['content-type'],
        cookie: req.headers.cookie,
        token: req.headers['x-token'] as string | undefined,
        bodyHex: Buffer.concat(chunks).toString('hex'),
      });
      const redirect = /^\/r\/(\d+)$/.exec(url);
      if (redirect && Number(redirect[1]) > 0) {
        res.writeHead(302, { location: `/r/${Number(redirect[1]) - 1}` }).end();
      } else if (url === '/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 7, msg: 'hello' }));
      } else if (url.startsWith('/login?vu=')) {
        res.writeHead(200, { 'set-cookie': `sid=vu${url.slice(10)}; Path=/` }).end();
      } else if (url === '/me') {
        res.end(req.headers.cookie ? 'known' : 'anonymous');
      } else if (url === '/slow') {
        setTimeout(() => res.end('late'), 1500).unref();
      } else {
        res.writeHead(req.method === 'POST' ? 201 : 200).end('ok');
      }
    });
  });
  return Object.assign(server, { seen });
}

async function onBuiltin(s: Scenario, flow: string, baseUrl: string): Promise<ClientBucket> {
  const sink = new Aggregator();
  await new SingleThreadEngine().run(
    {
      baseUrl,
      profile: scenarios({
        p: perVuIterations({ vus: 2, iterations: 2, maxDuration: '10s', exec: flow }),
      }),
      flow: s.flow,
      flows: s.flows,
      env: { ...s.env, BASE_URL: baseUrl },
      gracefulStopMs: 1000,
      httpTimeoutMs: s.httpTimeoutMs,
      maxRedirects: s.maxRedirects,
      noCookiesReset: s.noCookiesReset,
    },
    sink,
    new AbortController().signal,
  );
  return sink.flush(0);
}

interface Side {
  series: Record<string, string>;
  requests: string[];
}

/** Each fixture is loaded and exported once (checked by the k6 model as it is). */
const prepared = new Map<string, Promise<{ s: Scenario; script: string }>>();
const prepare = (file: string): Promise<{ s: Scenario; script: string }> => {
  let p = prepared.get(file);
  if (!p) {
    p = (async () => ({
      s: await loadScenario(fixture(file)),
      script: (await exportChecked(fixture(file))).script,
    }))();
    prepared.set(file, p);
  }
  return p;
};

async function bothEngines(
  file: string,
  flow: string,
  server: TestServer & { seen: SeenRequest[] },
) {
  const { s, script } = await prepare(file);
  server.seen.length = 0;
  const builtin: Side = {
    series: builtinTable([await onBuiltin(s, flow, server.url)]),
    requests: sortedRequests(server.seen),
  };
  server.seen.length = 0;
  const world = await runOnK6Doubles(
    script,
    {
      exec: flowExportNames(Object.keys(s.flows)).get(flow) as string,
      scenario: 'p',
      vus: 2,
      iterationsPerVu: 2,
      env: { BASE_URL: server.url },
    },
    { live: true },
  );
  const k6: Side = { series: k6Table(world.samples), requests: sortedRequests(server.seen) };
  return { builtin, k6, world };
}

describe('parity: one scenario, the built-in engine and k6 (doubles), one test server', () => {
  let server: TestServer & { seen: SeenRequest[] };
  beforeAll(async () => {
    server = await parityServer();
    return () => server.close();
  });

  // Each feature is a flow of the parity scenario; both engines must record the same series
  // (counts and values; timings aside) and send the server the same requests.
  it.each([
    ['default-name', 'the name tag is the path without its query; methods and statuses'],
    ['request-name-and-tags', 'a request name and tags'],
    ['groups', 'nested groups tag requests and checks, and time group_duration'],
    ['checks', 'passing, failing and throwing checks, with tags'],
    ['custom-metrics', 'Counter, Trend, Rate and Gauge samples with tags'],
    ['default-headers', "a VU's default headers"],
    ['json', 'a JSON body with its content type'],
    ['typed-json', 'a JSON body keeps the content type the flow set'],
    ['bytes', 'a byte body (a view into a larger buffer) arrives byte for byte'],
    ['response-headers', 'response headers read by name, lower-cased, on both'],
    ['cookies', 'the cookie jar starts empty at every iteration'],
    ['redirects', 'redirects followed up to maxRedirects, each hop under the request name'],
    ['timeout', 'httpTimeout ends a slow request with status 0 and an error'],
    ['ids-and-env', 'vu.id, vu.iteration and the scenario env'],
    ['throws', 'an exception in the flow counts in flow_errors; the iteration still counts'],
  ])('%s: %s', async (flow) => {
    const { builtin, k6 } = await bothEngines('parity.ts', flow, server);
    expect(k6.series).toEqual(builtin.series);
    expect(k6.requests).toEqual(builtin.requests);
    expect(Object.keys(builtin.series).length).toBeGreaterThan(0);
  });

  it('cookies: with noCookiesReset a session outlives its iteration on both', async () => {
    const { builtin, k6 } = await bothEngines('parity-keep-cookies.ts', 'cookies', server);
    expect(k6.requests).toEqual(builtin.requests);
    expect(builtin.requests.filter((r) => r.includes('"cookie":"sid='))).toHaveLength(6);
  });

  it('pins what the cases compare: ids, env, groups and flow errors as recorded', async () => {
    const ids = await bothEngines('parity.ts', 'ids-and-env', server);
    expect(ids.builtin.requests.map((r) => (JSON.parse(r) as SeenRequest).url)).toEqual([
      '/ids?vu=1&iteration=0&env=from-scenario',
      '/ids?vu=1&iteration=1&env=from-scenario',
      '/ids?vu=2&iteration=0&env=from-scenario',
      '/ids?vu=2&iteration=1&env=from-scenario',
    ]);
    const groups = await bothEngines('parity.ts', 'groups', server);
    expect(groups.k6.series).toMatchObject({
      'group_duration{"group":"::outer"}': 'trend count=4',
      'group_duration{"group":"::outer::inner"}': 'trend count=4',
      'checks{"check":"b ok","group":"::outer::inner"}': 'rate 4/4',
      'http_reqs{"group":"::outer","method":"GET","name":"/a","status":"200"}': 'counter 4',
    });
    const thrown = await bothEngines('parity.ts', 'throws', server);
    expect(thrown.k6.series).toMatchObject({
      'flow_errors{}': 'counter 2',
      'iterations{}': 'counter 4',
    });
    expect(thrown.world.console.filter((l) => l.level === 'error')).toHaveLength(2);
  });
});
