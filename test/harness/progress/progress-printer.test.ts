import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { ProgressPrinter } from '../../../harness/progress/progress-printer.js';

function printed(record: (agg: Aggregator) => void): string {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  const agg = new Aggregator();
  record(agg);
  new ProgressPrinter(out, false).bucket(agg.close(1), 6000);
  return text;
}

describe('the progress line', () => {
  it("shows an open model's busy VUs of the allocated pool", () => {
    const line = printed((agg) => {
      agg.vus(0, 5);
      agg.vus(3, 5);
      agg.vus(0, 5);
    });
    expect(line).toContain('vus  3/5');
  });

  it('shows the VU count alone when the engine does not say what is allocated', () => {
    expect(printed((agg) => agg.vus(12))).toMatch(/vus\s+12\s/);
  });
});
