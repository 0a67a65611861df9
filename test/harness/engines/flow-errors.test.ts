import { describe, expect, it } from 'vitest';
import {
  FlowErrorTally,
  flowErrorLocation,
  MAX_FLOW_ERROR_MESSAGES,
  OTHER_FLOW_ERRORS,
} from '../../../harness/engines/builtin/flow-errors.js';

const ROOT = '/opt/app/node_modules/loadrig';
const SCENARIO = '/home/me/shop/load/checkout.ts';

const stack = (...frames: string[]): string =>
  ['TypeError: boom', ...frames.map((f) => `    at ${f}`)].join('\n');

describe('flowErrorLocation', () => {
  it('picks the frame in the scenario file, relative to its folder', () => {
    const s = stack(
      `BuiltinResponse.json (${ROOT}/dist/harness/engines/builtin/http-response.js:45:30)`,
      `Object.flow (${SCENARIO}:12:7)`,
      `IterationRunner.iterate (${ROOT}/dist/harness/engines/builtin/iteration-runner.js:80:7)`,
    );
    expect(flowErrorLocation(s, SCENARIO, ROOT)).toBe('checkout.ts:12');
  });

  it("falls back to the user's own code, skipping Node, node_modules and loadrig", () => {
    const s = stack(
      'JSON.parse (<anonymous>)',
      'node:internal/process/task_queues:95:5',
      `parse (/home/me/shop/node_modules/lib/index.js:3:9)`,
      `ROOT frame (${ROOT}/dist/harness/lifecycle/drive-load.js:1:1)`,
      `readOrder (file:///home/me/shop/lib/orders.ts:30:11)`,
    );
    expect(flowErrorLocation(s, SCENARIO, ROOT)).toBe('../lib/orders.ts:30');
  });

  it("keeps a scenario that lives inside loadrig's own folder apart from loadrig's code", () => {
    const root = '/work/loadrig';
    const file = `${root}/examples/demo.ts`;
    const s = stack(
      `VuHttp.send (${root}/harness/engines/builtin/vu-http.ts:90:1)`,
      `helper (${root}/examples/lib/helper.ts:4:2)`,
      `Object.flow (${file}:20:3)`,
    );
    expect(flowErrorLocation(s, file, root)).toBe('demo.ts:20');
    expect(flowErrorLocation(stack(s.split('\n')[2]!.trim().slice(3)), file, root)).toBe(
      'lib/helper.ts:4',
    );
  });

  it('is undefined when the stack shows no code of the user', () => {
    expect(flowErrorLocation('', SCENARIO, ROOT)).toBeUndefined();
    expect(
      flowErrorLocation(stack(`x (${ROOT}/dist/a.js:1:1)`, 'node:internal/x:1:1'), SCENARIO, ROOT),
    ).toBeUndefined();
  });

  it('finds a real thrown error in the file that threw it', () => {
    const line = Number(new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1]);
    const e = new Error('from here');
    expect(flowErrorLocation(e.stack ?? '', import.meta.filename)).toBe(
      `flow-errors.test.ts:${line + 1}`,
    );
  });
});

describe('FlowErrorTally', () => {
  it('counts by message and locates each message once, where it was first thrown', () => {
    const tally = new FlowErrorTally(import.meta.filename);
    const first = tally.record(new TypeError('x is undefined'));
    const again = tally.record(new TypeError('x is undefined'));
    const other = tally.record('a string');
    expect(first.first).toBe(true);
    expect(again.first).toBe(false);
    expect(first.site.location).toMatch(/^flow-errors\.test\.ts:\d+$/);
    expect(first.site.tag).toBe(`TypeError@${first.site.location}`);
    expect(again.site).toBe(first.site);
    expect(other).toMatchObject({ message: 'a string', site: { tag: 'string' }, first: true });
    expect(tally.counts()).toEqual({ 'x is undefined': 2, 'a string': 1 });
    expect(tally.sites()['x is undefined']).toEqual(first.site);
  });

  it('keeps a bounded number of messages, the rest counted as one', () => {
    const tally = new FlowErrorTally(undefined);
    for (let i = 0; i < MAX_FLOW_ERROR_MESSAGES + 25; i++) tally.record(new Error(`order ${i}`));
    tally.record(new Error('order 3'));
    const counts = tally.counts();
    expect(Object.keys(counts)).toHaveLength(MAX_FLOW_ERROR_MESSAGES + 1);
    expect(counts[OTHER_FLOW_ERRORS]).toBe(25);
    expect(counts['order 3']).toBe(2);
    expect(tally.sites()[OTHER_FLOW_ERRORS]).toEqual({ tag: 'other' });
  });

  it('cuts a very long message', () => {
    const tally = new FlowErrorTally(undefined);
    const { message } = tally.record(new Error('x'.repeat(5000)));
    expect(message.length).toBeLessThanOrEqual(301);
  });
});
