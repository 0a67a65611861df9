import { FeederExhaustedError, InvalidValueError, LoadrigError } from '../core/errors.js';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { reportDeclarationIssues } from '../core/validation/load-scope.js';
import { strictObject } from '../core/validation/strict-object.js';
import { check } from '../core/validation/zod-issues.js';

/**
 * How a feeder hands out rows: `sequential` (in file order, wrapping around), `random`, or
 * `unique` (each row at most once in the whole run; asking for more is an error naming the
 * row count, so a test never reuses an account silently).
 */
export type FeederMode = 'sequential' | 'random' | 'unique';

export { FeederExhaustedError };

let partition = { index: 0, count: 1 };

/**
 * Called by an engine worker thread before it loads the scenario: a `unique` feeder then hands
 * out only this thread's rows (every `count`-th), so no row is used twice across threads.
 */
export function setFeederPartition(index: number, count: number): void {
  partition = { index, count };
}

/** Test data loaded once and shared by every VU of the process (of the thread, with workers). */
export class Feeder<T> {
  private cursor: number;
  private readonly step: number;

  constructor(
    readonly rows: readonly T[],
    readonly mode: FeederMode = 'sequential',
    readonly source = 'data',
    private readonly random: () => number = Math.random,
  ) {
    if (rows.length === 0) {
      throw new InvalidValueError(`feeder ${source}`, 'has no rows', 'check the file');
    }
    const unique = mode === 'unique';
    this.cursor = unique ? partition.index : 0;
    this.step = unique ? partition.count : 1;
  }

  /** The next row for the calling VU. */
  next(): T {
    switch (this.mode) {
      case 'random':
        return this.rows[Math.floor(this.random() * this.rows.length)] as T;
      case 'unique':
        if (this.cursor >= this.rows.length)
          throw new FeederExhaustedError(this.source, this.rows.length);
        this.cursor += this.step;
        return this.rows[this.cursor - this.step] as T;
      case 'sequential': {
        const row = this.rows[this.cursor] as T;
        this.cursor = (this.cursor + 1) % this.rows.length;
        return row;
      }
    }
  }
}

const loaded = new Map<string, readonly unknown[]>();

function load(
  file: string | URL,
  read: (text: string, path: string) => unknown[],
): { path: string; rows: readonly unknown[] } {
  const path = file instanceof URL ? fileURLToPath(file) : resolve(file);
  let rows = loaded.get(path);
  if (rows === undefined) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const fix =
        "pass a path relative to the working directory or new URL('./file.csv', import.meta.url)";
      const problem = `cannot read feeder file ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      throw new LoadrigError('E_INVALID_VALUE', `${problem}; ${fix}`, fix, {
        issues: [{ path: 'feeder', message: problem }],
      });
    }
    try {
      // A byte-order mark (spreadsheets save one) is not part of the first column's name.
      rows = Object.freeze(read(text.startsWith('\ufeff') ? text.slice(1) : text, path));
    } catch (e) {
      if (LoadrigError.is(e)) throw e;
      const problem = `feeder file ${path} cannot be read: ${(e as Error).message}`;
      throw new LoadrigError('E_INVALID_VALUE', problem, 'fix the file at the place named', {
        issues: [{ path: 'feeder', message: problem }],
        cause: e,
      });
    }
    loaded.set(path, rows);
  }
  return { path, rows };
}

const modeSchema = z.enum(['sequential', 'random', 'unique']).optional();
const csvOptions = strictObject({ mode: modeSchema, delimiter: z.string().min(1).optional() });
const jsonOptions = strictObject({ mode: modeSchema });

/**
 * A feeder's options, checked like a scenario's fields (unknown keys named with the nearest
 * valid one). Inside a scenario file being loaded the problems join the scenario's list and the
 * feeder is built with the defaults; on its own, the call fails at once.
 */
function checkedOptions<S extends z.ZodType>(
  builder: string,
  file: string | URL,
  schema: S,
  opts: unknown,
): Partial<z.output<S>> {
  const checked = check(schema, opts);
  if (checked.ok) return checked.data;
  const shown = relative(process.cwd(), file instanceof URL ? fileURLToPath(file) : resolve(file));
  const at = `${builder}(${JSON.stringify(shown)})`;
  const issues = checked.issues.map((i) => ({ path: `${at}.${i.path}`, message: i.message }));
  reportDeclarationIssues(issues, () => {
    const fix = 'fix the options listed';
    throw new LoadrigError(
      'E_INVALID_VALUE',
      issues.map((i) => `${i.path}: ${i.message}`).join('\n'),
      fix,
      { issues },
    );
  });
  return {};
}

/** Rows of a CSV file with a header line, as objects keyed by column. */
export function csvFeeder<T extends Record<string, string> = Record<string, string>>(
  file: string | URL,
  opts: { mode?: FeederMode; delimiter?: string } = {},
): Feeder<T> {
  const o = checkedOptions('csvFeeder', file, csvOptions, opts);
  const { path, rows } = load(file, (text) => {
    const [header, ...records] = parse(text, {
      skip_empty_lines: true,
      trim: true,
      delimiter: o.delimiter ?? ',',
    }) as string[][];
    // Rows keyed by column name as own properties: a column called `__proto__` keeps its values.
    return records.map((r) => Object.fromEntries((header ?? []).map((name, i) => [name, r[i]])));
  });
  return new Feeder(rows as readonly T[], o.mode ?? 'sequential', path);
}

/** Rows of a JSON file holding an array. */
export function jsonFeeder<T = unknown>(
  file: string | URL,
  opts: { mode?: FeederMode } = {},
): Feeder<T> {
  const o = checkedOptions('jsonFeeder', file, jsonOptions, opts);
  const { path, rows } = load(file, (text, at) => {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value))
      throw new InvalidValueError(
        `feeder file ${at}`,
        `holds a JSON ${value === null ? 'null' : typeof value}, not an array`,
        'write the rows as a JSON array of objects',
      );
    return value;
  });
  return new Feeder(rows as readonly T[], o.mode ?? 'sequential', path);
}
