import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readRun } from '../../core/run-dir/read-run.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { fuzz, typedOrValue } from '../helpers/fuzz.js';

const V1 = join(import.meta.dirname, '..', 'fixtures', 'run-dirs', 'v1');
const FIXTURES = readdirSync(V1).map((name) => join(V1, name));
const scratch = mkdtempSync(join(tmpdir(), 'loadrig-read-run-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let runs = 0;
/** A copy of a fixture run with some of its files replaced. */
function runDir(fixture: string, files: Record<string, Buffer>): string {
  const dir = join(scratch, `run${runs++}`);
  cpSync(fixture, dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

const fixture = fc.constantFrom(...FIXTURES);
const FILES = ['run.json', 'client.ndjson', 'server.ndjson'] as const;

type Edit =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'number'; which: number; value: string };
/** Edits a hand or a crash might make: a changed byte, a file cut short, text pasted in, a number changed. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '\n',
        '"',
        '{',
        '}',
        'null',
        '-1',
        '1e999',
        '"hist":"AAAA"',
        '"t":1.5',
        '"kind":"gauge"',
        '"schemaVersion":9',
        '\u00ff',
      ),
    ),
  }),
  // A number replaced by another: the file still parses, its meaning breaks.
  fc.record({
    kind: fc.constant('number' as const),
    which: fc.nat(),
    value: fc.oneof(
      fc.constantFrom('0', '-1', '1e308', '-1e308', '9007199254740993', '0.5', '99999999999'),
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    ),
  }),
);

function apply(bytes: Buffer, e: Edit): Buffer {
  const at = bytes.length === 0 || e.kind === 'number' ? 0 : e.at % bytes.length;
  switch (e.kind) {
    case 'set': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at] = e.byte;
      return copy;
    }
    case 'cut':
      return bytes.subarray(0, at);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(e.text), bytes.subarray(at)]);
    case 'number': {
      const text = bytes.toString('latin1');
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
      const m = numbers[numbers.length === 0 ? 0 : e.which % numbers.length];
      if (m === undefined) return bytes;
      return Buffer.from(
        text.slice(0, m.index) + e.value + text.slice(m.index + m[0].length),
        'latin1',
      );
    }
  }
}

/** A run directory is read or refused with a typed error; what is read can be analysed or refused so too. */
function readAndAnalyse(dir: string): void {
  const data = typedOrValue(() => readRun(dir));
  if (data instanceof Error) {
    expect(data.code).toMatch(/^E_RUN_(DIR|DATA)$/);
    return;
  }
  // A damaged histogram is refused when decoded; a damaged threshold when parsed.
  const analysis = typedOrValue(() => analyseRun(data));
  if (analysis instanceof Error) expect(analysis.code).toMatch(/^E_(RUN_DATA|INVALID_VALUE)$/);
}

describe('readRun under generated input', () => {
  it('reads or refuses, with a typed error, any bytes in place of a run file', () => {
    fuzz(
      'run files from arbitrary bytes',
      [fixture, fc.constantFrom(...FILES), fc.uint8Array({ maxLength: 300 })],
      (from, name, bytes) => readAndAnalyse(runDir(from, { [name]: Buffer.from(bytes) })),
      { numRuns: 150 },
    );
  });

  it('reads or refuses, with a typed error, run files edited by hand or cut by a crash', () => {
    fuzz(
      'run files edited',
      [fixture, fc.constantFrom(...FILES), fc.array(edit, { minLength: 1, maxLength: 3 })],
      (from, name, edits) => {
        const bytes = edits.reduce(apply, readFileSync(join(from, name)));
        readAndAnalyse(runDir(from, { [name]: bytes }));
      },
      { numRuns: 300, runMs: 5000 },
    );
  });

  it('keeps every whole line of a client file cut at any byte', () => {
    fuzz(
      'client file cut short',
      [fixture, fc.nat()],
      (from, at) => {
        const bytes = readFileSync(join(from, 'client.ndjson'));
        const cut = at % (bytes.length + 1);
        const whole = readRun(from).client;
        const kept = bytes.subarray(0, cut).toString().split('\n').slice(0, -1).length;
        // A cut right after a line's last brace leaves that line whole, and it is kept.
        const read = readRun(runDir(from, { 'client.ndjson': bytes.subarray(0, cut) })).client;
        expect(read.length === kept || read.length === kept + 1).toBe(true);
        expect(read).toEqual(whole.slice(0, read.length));
      },
      { numRuns: 150 },
    );
  });
});
