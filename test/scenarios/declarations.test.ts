import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadrigError, type ErrorIssue } from '../../core/errors.js';
import { inLoadScope } from '../../core/validation/load-scope.js';
import { csvFeeder, jsonFeeder } from '../../scenarios/feeders.js';
import { Counter, Gauge, Rate, Trend } from '../../scenarios/metrics.js';
import { checkRequestOptions } from '../../scenarios/request-options.js';

const users = join(import.meta.dirname, '../fixtures/scenarios/data/users.csv');
const lines = (issues: readonly ErrorIssue[]) => issues.map((i) => `${i.path}: ${i.message}`);

function thrownIssues(declare: () => unknown): readonly ErrorIssue[] {
  try {
    declare();
  } catch (e) {
    if (LoadrigError.is(e)) return e.issues;
    throw e;
  }
  throw new Error('declared without error');
}

describe('feeder options', () => {
  const at = `csvFeeder(${JSON.stringify(join('test/fixtures/scenarios/data/users.csv'))})`;

  it.each([
    [{ mod: 'unique' }, `${at}.mod: unknown field; did you mean mode?`],
    [
      { mode: 'uniqe' },
      `${at}.mode: Invalid option: expected one of "sequential"|"random"|"unique"`,
    ],
    [{ delimeter: ';' }, `${at}.delimeter: unknown field; did you mean delimiter?`],
  ])('%j is refused at once on its own', (opts, expected) => {
    expect(lines(thrownIssues(() => csvFeeder(users, opts as never)))).toEqual([expected]);
  });

  it('jsonFeeder takes a mode only', () => {
    expect(lines(thrownIssues(() => jsonFeeder(users, { delimiter: ';' } as never)))[0]).toMatch(
      /jsonFeeder\(.*\)\.delimiter: unknown field; valid fields: mode/,
    );
  });

  it('inside a scenario load, the problems are kept for the loader and the feeder still works', async () => {
    const { scope, outcome } = await inLoadScope(async () =>
      csvFeeder<{ user: string }>(users, { mod: 'unique' } as never).next(),
    );
    expect(outcome).toEqual({ status: 'fulfilled', value: { user: 'ada', password: 'a1' } });
    expect(lines(scope.issues)).toEqual([`${at}.mod: unknown field; did you mean mode?`]);
  });
});

describe('custom metrics', () => {
  it('register their names and kinds while a scenario file loads', async () => {
    const { scope } = await inLoadScope(async () => {
      new Trend('login_time');
      new Counter('logins');
      new Rate('login_ok');
      new Gauge('queue_depth');
      new Counter('logins');
    });
    expect(
      Object.fromEntries([...scope.metrics].map(([name, kinds]) => [name, [...kinds]])),
    ).toEqual({
      login_time: ['trend'],
      logins: ['counter'],
      login_ok: ['rate'],
      queue_depth: ['gauge'],
    });
    expect(scope.issues).toEqual([]);
  });

  it.each([
    ['a space', () => new Trend('login time'), 'new Trend("login time"): not a valid name'],
    [
      'a built-in name',
      () => new Counter('http_reqs'),
      'new Counter("http_reqs"): http_reqs is a built-in counter metric; give yours another name',
    ],
  ])('refuses %s at once on its own', (_, declare, expected) => {
    expect(lines(thrownIssues(declare))[0]).toContain(expected);
  });

  it('one name with two kinds is a problem of the file', async () => {
    const { scope } = await inLoadScope(async () => {
      new Trend('checkout');
      new Counter('checkout');
    });
    expect(lines(scope.issues)).toEqual([
      'new Counter("checkout"): checkout is already declared as a trend; a metric has one kind',
    ]);
  });
});

describe('request options', () => {
  it('accepts every documented option', () => {
    expect(() =>
      checkRequestOptions('GET', {
        headers: {},
        json: {},
        body: '',
        tags: {},
        name: 'n',
        timeout: '1s',
        redirects: 0,
      }),
    ).not.toThrow();
  });

  it.each([
    [
      'GET',
      { header: {} },
      'vu.http GET request option header: unknown option; did you mean headers?',
    ],
    [
      'POST',
      { jsonBody: {} },
      'vu.http POST request option jsonBody: unknown option; did you mean json?',
    ],
    [
      'GET',
      { timout: '1s' },
      'vu.http GET request option timout: unknown option; did you mean timeout?',
    ],
    [
      'GET',
      { zzz: 1 },
      'vu.http GET request option zzz: unknown option; valid options: headers, json, body, tags, name, timeout, redirects',
    ],
  ])('%s %j is a flow error naming the option', (method, opts, message) => {
    expect(() => checkRequestOptions(method, opts)).toThrow(message);
  });
});
