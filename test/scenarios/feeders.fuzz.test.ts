import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadrigError } from '../../core/errors.js';
import { csvFeeder, jsonFeeder } from '../../scenarios/feeders.js';
import { fuzz, typedOrValue } from '../helpers/fuzz.js';

const dir = mkdtempSync(join(tmpdir(), 'loadrig-feeders-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** A fresh path per run: feeders cache rows by path for the life of the process. */
function file(content: string | Buffer, ext: string): string {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Column names as spreadsheets write them, with the names every object inherits among them. */
const column = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_ ]{0,8}[A-Za-z0-9_]$/),
  fc.constantFrom('user', 'e-mail', 'toString', 'constructor', 'valueOf', '__proto__'),
);
/** Cell text: delimiters, quotes, line breaks and non-ASCII inside; no outer spaces (trimmed). */
const cell = fc.stringMatching(/^([^\s]([^\r]{0,10}[^\s])?)?$/);

/** RFC 4180: a field with a delimiter, quote or line break is quoted, its quotes doubled. */
function field(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) || text === ''
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

describe('csvFeeder under generated input', () => {
  it('reads back every table a spreadsheet can save', () => {
    fuzz(
      'csv round trip',
      [
        fc.uniqueArray(column, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
      ],
      (columns, cells, delimiter, eol, bom, finalEol) => {
        const rows = cells.map((c) =>
          Object.fromEntries(columns.map((name, i) => [name, c[i] as string])),
        );
        // A row of empty cells is written as delimiters only, which is not an empty line.
        if (rows.length === 0) return;
        const lines = [
          columns.map((c) => field(c, delimiter)).join(delimiter),
          ...rows.map((row) =>
            columns.map((c) => field(row[c] as string, delimiter)).join(delimiter),
          ),
        ];
        const text = (bom ? '\ufeff' : '') + lines.join(eol) + (finalEol ? eol : '');
        const feeder = csvFeeder(file(text, 'csv'), { delimiter });
        expect(feeder.rows).toEqual(rows);
        for (const row of feeder.rows) expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      },
      { numRuns: 300 },
    );
  });

  it('refuses any other file with a typed error naming it', () => {
    const text = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc
        .array(fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '\ufeff', '__proto__'), {
          maxLength: 20,
        })
        .map((t) => t.join('')),
    );
    fuzz(
      'csv from anything',
      [text],
      (content) => {
        const path = file(content, 'csv');
        const out = typedOrValue(() => csvFeeder(path));
        if (out instanceof LoadrigError) expect(out.message).toContain(path);
      },
      { numRuns: 500 },
    );
  });
});

describe('jsonFeeder under generated input', () => {
  it('reads back any JSON array, and refuses anything else with a typed error', () => {
    fuzz(
      'json feeder from anything',
      [
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.array(fc.jsonValue(), { minLength: 1 }).map((a) => JSON.stringify(a)),
        ),
      ],
      (content) => {
        const path = file(content, 'json');
        const out = typedOrValue(() => jsonFeeder(path));
        if (out instanceof LoadrigError) expect(out.message).toContain(path);
        else expect(out.rows).toEqual(JSON.parse(content));
      },
      { numRuns: 500 },
    );
  });
});
