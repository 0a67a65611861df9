import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { K6JsonParser, type K6Sample } from '../../../../harness/engines/k6/k6-json.js';
import type { MetricKind } from '../../../../core/run-dir/run-data.js';
import { fuzz, typedOrValue } from '../../../helpers/fuzz.js';

const KINDS: MetricKind[] = ['counter', 'trend', 'rate', 'gauge'];
/** Custom metric names, with those every JavaScript object inherits among them. */
const metricName = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/),
  fc.constantFrom('constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'),
);
const tags = fc.dictionary(
  fc.oneof(
    fc.stringMatching(/^[a-z_]{1,6}$/),
    fc.constantFrom('url', 'proto', 'toString', 'constructor'),
  ),
  fc.oneof(fc.string({ maxLength: 6 }), fc.constant('')),
  { maxKeys: 4, noNullPrototype: true },
);

/** k6 writes times as Go's RFC 3339 with nanoseconds, in UTC or with the machine's offset. */
const time = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
    fc.nat({ max: 999_999 }),
    fc.constantFrom('Z', '+02:00', '-05:30'),
  )
  .map(([ms, subMs, zone]) => {
    const offsetMin =
      zone === 'Z'
        ? 0
        : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
    const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, -1); // without Z
    return { text: `${local}${String(subMs).padStart(6, '0')}${zone}`, ms };
  });

interface Declared {
  name: string;
  kind: MetricKind;
  thresholds: (string | { threshold: string; abortOnFail: boolean; delayAbortEval: string })[];
}

const declared: fc.Arbitrary<Declared> = fc.record({
  name: metricName,
  kind: fc.constantFrom(...KINDS),
  thresholds: fc.array(
    fc.oneof(
      fc.constantFrom('p(95)<500', 'rate<0.01', 'count>0'),
      fc.record({
        threshold: fc.constantFrom('avg<1'),
        abortOnFail: fc.boolean(),
        delayAbortEval: fc.constantFrom('', '10s'),
      }),
    ),
    { maxLength: 2 },
  ),
});

describe("k6's JSON lines under generated input", () => {
  it('reads back every Metric and Point record k6 can write', () => {
    fuzz(
      'k6 json round trip',
      [
        fc.uniqueArray(declared, { minLength: 1, maxLength: 4, selector: (m) => m.name }),
        fc.array(
          fc.tuple(fc.nat(), time, fc.double({ noNaN: true, noDefaultInfinity: true }), tags),
          { maxLength: 8 },
        ),
      ],
      (metrics, points) => {
        const lines: string[] = [];
        const expected: K6Sample[] = [];
        for (const m of metrics) {
          lines.push(
            JSON.stringify({
              type: 'Metric',
              data: {
                name: m.name,
                type: m.kind,
                contains: 'default',
                thresholds: m.thresholds,
                submetrics: null,
              },
              metric: m.name,
            }),
          );
        }
        for (const [which, t, value, tagSet] of points) {
          const m = metrics[which % metrics.length] as Declared;
          lines.push(
            JSON.stringify({
              metric: m.name,
              type: 'Point',
              data: { time: t.text, value, tags: tagSet },
            }),
          );
          const kept = Object.fromEntries(
            Object.entries(tagSet).filter(([k, v]) => k !== 'url' && k !== 'proto' && v !== ''),
          );
          expected.push({
            metric: m.name,
            kind: m.kind,
            timeMs: t.ms,
            value: value + 0,
            tags: kept,
          });
        }
        const parser = new K6JsonParser();
        const got = lines.map((l) => parser.parseLine(l)).filter((s) => s !== undefined);
        expect(got.map((s) => ({ ...s, value: s.value + 0 }))).toEqual(expected);
        expect(parser.malformedLines).toBe(0);
        const withThresholds = metrics.filter((m) => m.thresholds.length > 0);
        expect(Object.keys(parser.thresholds()).sort()).toEqual(
          withThresholds.map((m) => m.name).sort(),
        );
      },
      { numRuns: 300 },
    );
  });

  it('takes any line without throwing, and any sample it returns is well formed', () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({
          type: fc.constantFrom('Point', 'Metric', 'x'),
          metric: fc.oneof(metricName, fc.anything()),
          data: fc.oneof(
            fc.anything(),
            fc.record({
              name: fc.oneof(metricName, fc.anything()),
              type: fc.oneof(fc.constantFrom(...KINDS, 'constructor', 'toString'), fc.anything()),
              time: fc.oneof(
                time.map((t) => t.text),
                fc.anything(),
                fc.constant({ toString: 1 }),
              ),
              value: fc.oneof(fc.double(), fc.anything(), fc.constant({ valueOf: 1, toString: 1 })),
              tags: fc.oneof(tags, fc.anything(), fc.constant({ a: { toString: 1 } })),
              thresholds: fc.anything(),
              submetrics: fc.anything(),
            }),
          ),
        })
        .map((r) => JSON.stringify(r) ?? 'null'),
    );
    fuzz(
      'k6 json from anything',
      [fc.array(jsonish, { maxLength: 6 })],
      (input) => {
        const parser = new K6JsonParser();
        for (const line of input) {
          const s = typedOrValue(() => parser.parseLine(line));
          expect(s).not.toBeInstanceOf(Error);
          if (s === undefined || s instanceof Error) continue;
          expect(KINDS).toContain(s.kind);
          expect(Number.isFinite(s.value) && Number.isFinite(s.timeMs)).toBe(true);
          for (const v of Object.values(s.tags)) expect(typeof v).toBe('string');
        }
        for (const m of parser.metrics.values()) expect(KINDS).toContain(m.kind);
      },
      { numRuns: 1000 },
    );
  });
});
