import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../harness/store/run-store.js';
import { REDACTED, redactDeep, redactTags, redactText } from '../../core/run-dir/redact.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { renderHtml } from '../../reports/render/html.js';
import { renderJunit } from '../../reports/render/junit.js';
import { renderMarkdown } from '../../reports/render/markdown.js';
import { httpBucket, meta } from '../reports/fixtures/run-data-builder.js';
import { sampleRun } from '../reports/fixtures/sample-run.js';

describe('redactText', () => {
  it.each([
    ['Authorization: Bearer abc.def.ghi', `Authorization: ${REDACTED}`],
    ['proxy-authorization=Basic dXNlcjpwYXNz', `proxy-authorization=${REDACTED}`],
    ['curl -H "Authorization: token ghp_123"', `curl -H "Authorization: ${REDACTED}"`],
    ['API_KEY=sk-live-123 node server.js', `API_KEY=${REDACTED} node server.js`],
    ['DB_PASSWORD=hunter2', `DB_PASSWORD=${REDACTED}`],
    ['--auth-token=abc --port=80', `--auth-token=${REDACTED} --port=80`],
    ['{"client_secret": "s3cr3t"}', `{"client_secret": "${REDACTED}"}`],
    ['GET /items?apikey=xyz&page=2', `GET /items?apikey=${REDACTED}&page=2`],
    ['postgres://app:pa55@127.0.0.1/db', `postgres://app:${REDACTED}@127.0.0.1/db`],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['p(95)<300', 'http://127.0.0.1:3000/login', 'PORT=8080', 'status is 200']) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('redactDeep', () => {
  it('replaces values under secret names and secret patterns in other strings', () => {
    const out = redactDeep({
      env: {
        GITHUB_TOKEN: 'ghp_1',
        STRIPE_SECRET: 's',
        DB_PASSWORD: 'p',
        API_KEY: 'k',
        PORT: '80',
      },
      headers: { Authorization: 'Bearer x', Accept: 'application/json' },
      command: ['node', 'server.js', '--api-key=abc'],
      thresholds: { 'http_req_duration{name:apikey}': ['p(95)<300'] },
      count: 3,
    });
    expect(out).toEqual({
      env: {
        GITHUB_TOKEN: REDACTED,
        STRIPE_SECRET: REDACTED,
        DB_PASSWORD: REDACTED,
        API_KEY: REDACTED,
        PORT: '80',
      },
      headers: { Authorization: REDACTED, Accept: 'application/json' },
      command: ['node', 'server.js', `--api-key=${REDACTED}`],
      thresholds: { 'http_req_duration{name:apikey}': ['p(95)<300'] },
      count: 3,
    });
  });

  it('redacts tags by name and by value', () => {
    expect(redactTags({ name: '/x?token=abc', session_token: 'zzz', method: 'GET' })).toEqual({
      name: `/x?token=${REDACTED}`,
      session_token: REDACTED,
      method: 'GET',
    });
  });
});

describe('secrets never reach a written file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const SECRET = 'sk-live-0123456789';
  const base = meta();
  const secretMeta = {
    ...base,
    target: {
      ...base.target,
      command: ['node', 'server.js', `--api-key=${SECRET}`],
      env: { API_KEY: SECRET, PORT: '8080' },
      baseUrl: `http://admin:${SECRET}@127.0.0.1:3000`,
    },
  };

  it('RunStore redacts run.json and the tags in client.ndjson', () => {
    dir = mkdtempSync(join(tmpdir(), 'loadrig-redact-'));
    const { store } = RunStore.create(dir, secretMeta);
    store.appendClient(httpBucket(1, [{ name: `/pay?token=${SECRET}`, durationsMs: [5, 6] }]));
    store.close();
    const written = [join(store.dir, 'run.json'), join(store.dir, 'client.ndjson')].map((f) =>
      readFileSync(f, 'utf8'),
    );
    for (const text of written) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain(REDACTED);
    }
    expect(JSON.parse(written[0]!).target.env.PORT).toBe('8080');
  });

  it('the renderers redact a meta they are handed unredacted', () => {
    const run = sampleRun(secretMeta);
    const analysis = analyseRun(run);
    for (const out of [
      renderHtml(run, analysis),
      renderJunit(run, analysis),
      renderMarkdown(run, analysis),
    ]) {
      expect(out).not.toContain(SECRET);
    }
  });
});
