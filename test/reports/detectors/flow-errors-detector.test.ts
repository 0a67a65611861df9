import { describe, expect, it } from 'vitest';
import { flowErrors } from '../../../reports/analysis/detectors/flow-errors.js';
import { runDetectors } from '../../../reports/analysis/detectors/index.js';
import { flowErrorRows } from '../../../reports/analysis/flow-errors.js';
import { summarise } from '../../../reports/analysis/summary.js';
import type { DetectorInput } from '../../../reports/analysis/detectors/detector.js';
import { syntheticRun } from './synthetic-run.js';

/** 10 s of 100 iterations each (1,000), `perSecond` of them threw in the last `seconds` seconds. */
function withFlowErrors(perSecond: number, seconds = 10, engineResult = true): DetectorInput {
  const input = syntheticRun({ seconds: 10 });
  const tag = 'TypeError@checkout.ts:12';
  input.run.client.forEach((b, i) => {
    if (i >= 10 - seconds && perSecond > 0) {
      b.metrics['flow_errors'] = [{ kind: 'counter', tags: { error: tag }, value: perSecond }];
    }
  });
  const total = perSecond * seconds;
  if (engineResult) {
    input.run.meta.engineResult = {
      iterations: 1000,
      interruptedIterations: 0,
      droppedIterations: 0,
      flowErrors: total > 0 ? { "Cannot read properties of undefined (reading '0')": total } : {},
      flowErrorSites: {
        "Cannot read properties of undefined (reading '0')": { tag, location: 'checkout.ts:12' },
      },
      peakVus: 10,
    };
  }
  return { ...input, summary: summarise(input.run) };
}

describe('errors.flow', () => {
  it('warns above 1 % of iterations and is critical above 5 %', () => {
    const at = (perSecond: number) =>
      flowErrors.detect(withFlowErrors(perSecond), flowErrors.defaults)[0]?.severity ?? 'none';
    expect(at(0)).toBe('none');
    expect(at(1)).toBe('none'); // 1 %: not above
    expect(at(2)).toBe('warning');
    expect(at(5)).toBe('warning'); // 5 %: not above
    expect(at(6)).toBe('critical');
  });

  it('names the messages, where they were thrown, and the seconds they were thrown in', () => {
    const [f] = flowErrors.detect(withFlowErrors(20, 4), flowErrors.defaults);
    expect(f).toMatchObject({ id: 'errors.flow', severity: 'critical', chart: 'load' });
    expect(f?.title).toBe('The flow threw in 8.00% of iterations (80 of 1000)');
    expect(f?.evidence.text).toContain(
      `"Cannot read properties of undefined (reading '0')" at checkout.ts:12 (80×, 8.00%)`,
    );
    expect(f?.evidence.figures).toMatchObject({
      flowErrors: 80,
      iterations: 1000,
      distinctMessages: 1,
    });
    expect((f?.evidence.toT ?? 0) - (f?.evidence.fromT ?? 0)).toBe(3);
    expect(f?.fix).toContain("flow_errors: ['count==0']");
  });

  it('reads the flow_errors series of a run that ended before the engine could report', () => {
    const input = withFlowErrors(10, 10, false);
    expect(flowErrorRows(input.run, input.summary)).toEqual([
      {
        message: 'TypeError@checkout.ts:12',
        location: null,
        tag: 'TypeError@checkout.ts:12',
        count: 100,
        share: 0.1,
      },
    ]);
    expect(flowErrors.detect(input, flowErrors.defaults)[0]?.severity).toBe('critical');
  });

  it('is registered, and can be tuned or turned off per scenario', () => {
    const input = withFlowErrors(2);
    expect(runDetectors(input).map((f) => f.id)).toContain('errors.flow');
    expect(runDetectors(input, { 'errors.flow': false }).map((f) => f.id)).not.toContain(
      'errors.flow',
    );
    expect(
      runDetectors(input, { 'errors.flow': { warnPercent: 3 } }).map((f) => f.id),
    ).not.toContain('errors.flow');
  });
});
