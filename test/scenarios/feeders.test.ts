import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  csvFeeder,
  Feeder,
  FeederExhaustedError,
  jsonFeeder,
  setFeederPartition,
} from '../../scenarios/feeders.js';
import { jsonPath } from '../../scenarios/json-path.js';
import { drawThinkTimeMs, normal, uniform } from '../../scenarios/think-time.js';
import { weighted } from '../../scenarios/weighted.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('all');

const dir = tempDir('loadrig-feeders-');
const csv = join(dir, 'users.csv');
writeFileSync(csv, 'user,password\nada,a1\nbob,b2\n\ncyd,c3\n');
const json = join(dir, 'items.json');
writeFileSync(json, JSON.stringify([{ sku: 'A' }, { sku: 'B' }]));

describe('feeders', () => {
  it('sequential hands rows out in file order and wraps around', () => {
    const f = csvFeeder(csv);
    expect([1, 2, 3, 4].map(() => f.next().user)).toEqual(['ada', 'bob', 'cyd', 'ada']);
  });

  it('unique hands each row out once, then fails naming the row count', () => {
    const f = jsonFeeder<{ sku: string }>(pathToFileURL(json), { mode: 'unique' });
    expect([f.next().sku, f.next().sku]).toEqual(['A', 'B']);
    expect(() => f.next()).toThrow(FeederExhaustedError);
    expect(() => f.next()).toThrow(/all its 2 rows/);
  });

  it('unique splits rows between worker threads so none is used twice', () => {
    const taken: string[] = [];
    for (const index of [0, 1]) {
      setFeederPartition(index, 2);
      const f = new Feeder(['a', 'b', 'c', 'd', 'e'], 'unique');
      for (;;) {
        try {
          taken.push(f.next());
        } catch {
          break;
        }
      }
    }
    setFeederPartition(0, 1);
    expect(taken).toEqual(['a', 'c', 'e', 'b', 'd']);
  });

  it('random draws from the rows; a file is read once and shared', () => {
    let i = 0;
    const draws = [0.1, 0.5, 0.9];
    const f = new Feeder(['x', 'y', 'z'], 'random', 'inline', () => draws[i++ % 3] as number);
    expect([f.next(), f.next(), f.next()]).toEqual(['x', 'y', 'z']);
    expect(csvFeeder(csv).rows).toBe(csvFeeder(csv, { mode: 'random' }).rows);
  });

  it('names a missing file and how to point at it', () => {
    expect(() => csvFeeder(join(dir, 'nope.csv'))).toThrow(
      /cannot read feeder file .*ENOENT.*import\.meta\.url/,
    );
  });
});

describe('feeder files as editors and spreadsheets save them', () => {
  it('reads a CSV saved with a byte-order mark, and a column called __proto__', () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\ufeffuser,__proto__\r\nada,x\r\n');
    expect(csvFeeder(path).rows).toEqual([JSON.parse('{"user":"ada","__proto__":"x"}')]);
  });

  it('refuses a broken CSV or JSON file with a typed error naming the file', () => {
    const csvPath = join(dir, 'open-quote.csv');
    writeFileSync(csvPath, 'user\n"ada\n');
    const jsonPath = join(dir, 'cut.json');
    writeFileSync(jsonPath, '[{"sku": ');
    for (const load of [() => csvFeeder(csvPath), () => jsonFeeder(jsonPath)]) {
      let error: unknown;
      try {
        load();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'E_INVALID_VALUE' });
      expect((error as Error).message).toMatch(
        /feeder file .*(open-quote\.csv|cut\.json) cannot be read/,
      );
    }
  });
});

describe('helpers', () => {
  it('jsonPath extracts nested values and indexes', () => {
    const doc = { data: { tokens: ['a', 'b'], 'odd key': 1 }, items: [{ sku: 'A' }] };
    expect(jsonPath(doc, '$.data.tokens[-1]')).toBe('b');
    expect(jsonPath(doc, 'items[0].sku')).toBe('A');
    expect(jsonPath(doc, "$.data['odd key']")).toBe(1);
    expect(jsonPath(doc, '$.missing.deeper')).toBeUndefined();
  });

  it('jsonPath reads own properties only, not what every object inherits', () => {
    expect(jsonPath({ a: {} }, '$.a.toString')).toBeUndefined();
    expect(jsonPath({}, 'constructor')).toBeUndefined();
    expect(jsonPath(JSON.parse('{"constructor": 1}'), 'constructor')).toBe(1);
    expect(jsonPath({ items: [1, 2, 3] }, 'items.length')).toBe(3);
  });

  it('think times draw within their bounds', () => {
    const u = uniform('1s', '3s');
    expect(drawThinkTimeMs(u, () => 0)).toBe(1000);
    expect(drawThinkTimeMs(u, () => 0.5)).toBe(2000);
    const draws = Array.from({ length: 2000 }, () => drawThinkTimeMs(normal('500ms', '100ms')));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 500)).toBeLessThan(15);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
  });

  it('weighted flows pick by weight', async () => {
    const picked: string[] = [];
    const vu = {
      group: async (name: string, fn: () => Promise<void>) => (picked.push(name), fn()),
    };
    const draws = [0.1, 0.69, 0.7, 0.99];
    let i = 0;
    const flow = weighted(
      [
        { name: 'browse', weight: 70, flow: async () => undefined },
        { name: 'buy', weight: 30, flow: async () => undefined },
      ],
      () => draws[i++] as number,
    );
    for (let n = 0; n < 4; n++) await flow(vu as never);
    expect(picked).toEqual(['browse', 'browse', 'buy', 'buy']);
  });
});
