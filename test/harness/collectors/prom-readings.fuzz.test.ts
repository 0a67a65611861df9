import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPrometheusText, type PromReading } from '../../../harness/collectors/prom-readings.js';
import { fuzz, typedOrValue } from '../../helpers/fuzz.js';

type FamilyType = 'counter' | 'gauge' | 'untyped' | 'summary' | 'histogram';

interface Family {
  name: string;
  type: FamilyType | undefined;
  help: string | undefined;
  /** One series per label set: a labelled value (a summary's `quantile`, a histogram's `le` added). */
  series: { labels: Record<string, string>; value: number; timestamp: boolean }[];
}

const metricName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,12}$/);
const labelName = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/)
  .filter((n) => n !== 'quantile' && n !== 'le' && n !== '__proto__');
/** Label values with what must be escaped: backslash, quote, newline, and `,` `}` `=` `{`. */
const labelValue = fc.stringMatching(/^[a-z0-9 ,{}="\\\n\u00e9]{0,10}$/);
const value = fc.oneof(
  fc.double({ noDefaultInfinity: false }),
  fc.integer({ min: -1e9, max: 1e12 }),
  fc.constantFrom(0, 1, Infinity, -Infinity, NaN),
);

const family: fc.Arbitrary<Family> = fc.record({
  name: metricName,
  type: fc.constantFrom<FamilyType | undefined>(
    'counter',
    'gauge',
    'untyped',
    'summary',
    'histogram',
    undefined,
  ),
  help: fc.option(fc.stringMatching(/^[a-z \\\n]{0,12}$/), { nil: undefined }),
  series: fc.uniqueArray(
    fc.record({
      labels: fc.dictionary(labelName, labelValue, { maxKeys: 3, noNullPrototype: true }),
      value,
      timestamp: fc.boolean(),
    }),
    { maxLength: 4, selector: (s) => JSON.stringify(Object.entries(s.labels).sort()) },
  ),
});

/** Families whose names (with their `_sum`, `_count`, `_bucket` lines) cannot be confused. */
const families = fc.array(family, { maxLength: 5 }).map((fs) => {
  const taken = new Set<string>();
  return fs.filter((f) => {
    const names = [f.name, `${f.name}_sum`, `${f.name}_count`, `${f.name}_bucket`];
    if (names.some((n) => taken.has(n)) || /_(sum|count|bucket)$/.test(f.name)) return false;
    names.forEach((n) => taken.add(n));
    return true;
  });
});

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const number = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);

function line(name: string, labels: Record<string, string>, v: number, ts: boolean): string {
  const keys = Object.keys(labels);
  const l =
    keys.length === 0
      ? ''
      : `{${keys.map((k) => `${k}="${escapeLabel(labels[k] as string)}"`).join(',')}}`;
  return `${name}${l} ${number(v)}${ts ? ' 1700000000000' : ''}`;
}

/** The exposition text of the families, and the readings loadrig must take from it. */
function expose(fs: readonly Family[]): { text: string; readings: Omit<PromReading, 'key'>[] } {
  const lines: string[] = [];
  const readings: Omit<PromReading, 'key'>[] = [];
  const read = (
    name: string,
    labels: Record<string, string>,
    kind: 'gauge' | 'counter',
    v: number,
  ): void => {
    if (Number.isFinite(v)) readings.push({ name, labels, kind, value: v });
  };
  for (const f of fs) {
    if (f.help !== undefined) lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
    if (f.type !== undefined) lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.series) {
      if (f.type === 'summary' || f.type === 'histogram') {
        const bucket = f.type === 'histogram';
        const q = bucket ? { ...s.labels, le: '+Inf' } : { ...s.labels, quantile: '0.5' };
        lines.push(line(bucket ? `${f.name}_bucket` : f.name, q, s.value, s.timestamp));
        lines.push(line(`${f.name}_sum`, s.labels, s.value, s.timestamp));
        lines.push(line(`${f.name}_count`, s.labels, Math.abs(s.value), s.timestamp));
        if (!bucket) read(f.name, q, 'gauge', s.value);
        read(`${f.name}_sum`, s.labels, 'counter', s.value);
        read(`${f.name}_count`, s.labels, 'counter', Math.abs(s.value));
      } else {
        lines.push(line(f.name, s.labels, s.value, s.timestamp));
        read(f.name, s.labels, f.type === 'counter' ? 'counter' : 'gauge', s.value);
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, readings };
}

const comparable = (rs: readonly Omit<PromReading, 'key'>[]): string[] =>
  rs.map((r) => JSON.stringify([r.name, Object.entries(r.labels).sort(), r.kind, r.value])).sort();

describe('readPrometheusText under generated input', () => {
  it('reads every finite sample of any exposition, labels unescaped, with its kind', () => {
    fuzz(
      'prometheus exposition round trip',
      [families],
      (fs) => {
        const { text, readings } = expose(fs);
        expect(comparable(readPrometheusText(text))).toEqual(comparable(readings));
      },
      { numRuns: 500 },
    );
  });

  it('gives distinct series distinct keys', () => {
    fuzz(
      'prometheus keys are one per series',
      [families],
      (fs) => {
        const readings = readPrometheusText(expose(fs).text);
        const bySeries = new Map(readings.map((r) => [r.key, comparable([{ ...r, value: 0 }])[0]]));
        expect(bySeries.size).toBe(
          new Set(readings.map((r) => comparable([{ ...r, value: 0 }])[0])).size,
        );
      },
      { numRuns: 500 },
    );
  });

  it('keeps the good lines of a scrape with bad ones, and never throws', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '# TYPE x',
        '# TYPE x counter extra',
        'x{a="1" 2',
        'x{a=1} 2',
        'x{=} 1',
        'x',
        'x{a="\\',
        '{} 1',
        '# HELP',
      ),
    );
    fuzz(
      'prometheus scrape with garbage lines',
      [families, fc.array(fc.tuple(fc.nat(), garbage), { maxLength: 4 })],
      (fs, bad) => {
        const { text, readings } = expose(fs);
        const lines = text.split('\n');
        for (const [at, g] of bad) lines.splice(at % (lines.length + 1), 0, g.replace(/\n/g, ' '));
        const out = typedOrValue(() => readPrometheusText(lines.join('\n')));
        expect(out).not.toBeInstanceOf(Error);
        const got = new Set(comparable(out as PromReading[]));
        for (const r of comparable(readings)) expect(got).toContain(r);
      },
      { numRuns: 500 },
    );
  });
});
