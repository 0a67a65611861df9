import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { renderJunit } from '../../reports/render/junit.js';
import { sampleFindings } from '../fixtures/runs/findings.js';
import { HOSTILE_ATTR, HOSTILE_SCRIPT, hostileRun } from '../fixtures/runs/hostile-run.js';
import { sampleRun } from './fixtures/sample-run.js';
import { parseXml, type XmlElement } from './xml-tree.js';

/**
 * The common JUnit shape CI systems read (Jenkins, GitLab, GitHub test reporters):
 * testsuites > testsuite (name, tests, failures, errors) > testcase (classname, name), whose
 * children are only failure, error, skipped, system-out or system-err; counts add up.
 */
function expectJunitShape(root: XmlElement): void {
  expect(root.name).toBe('testsuites');
  for (const suite of root.children) {
    expect(suite.name).toBe('testsuite');
    for (const attr of ['name', 'tests', 'failures', 'errors'])
      expect(suite.attrs).toHaveProperty(attr);
    const cases = suite.children.filter((c) => c.name === 'testcase');
    expect(suite.children.every((c) => ['testcase', 'properties'].includes(c.name))).toBe(true);
    expect(Number(suite.attrs['tests'])).toBe(cases.length);
    const count = (kind: string) =>
      cases.filter((c) => c.children.some((x) => x.name === kind)).length;
    expect(Number(suite.attrs['failures'])).toBe(count('failure'));
    expect(Number(suite.attrs['errors'])).toBe(count('error'));
    expect(Number(suite.attrs['skipped'] ?? 0)).toBe(count('skipped'));
    for (const c of cases) {
      expect(c.attrs['classname']).toBeTruthy();
      expect(c.attrs['name']).toBeTruthy();
      for (const child of c.children) {
        expect(['failure', 'error', 'skipped', 'system-out', 'system-err']).toContain(child.name);
        if (child.name === 'failure' || child.name === 'error')
          expect(child.attrs['message']).toBeTruthy();
      }
    }
  }
}

describe('renderJunit', () => {
  const run = sampleRun();
  const xml = renderJunit(run, { ...analyseRun(run), findings: sampleFindings() });
  const root = parseXml(xml);
  const cases = root.children[0]!.children.filter((c) => c.name === 'testcase');

  it('has the common JUnit shape', () => {
    expectJunitShape(root);
    expect(root.children).toHaveLength(1);
  });

  it('has a test case per threshold, failing the one that failed', () => {
    const thresholds = cases.filter((c) => c.attrs['classname']!.startsWith('loadrig.thresholds.'));
    expect(
      thresholds.map((c) => [c.attrs['classname'], c.attrs['name'], c.children[0]?.name ?? 'pass']),
    ).toEqual([
      ['loadrig.thresholds.http_req_duration', 'p(95)<100', 'pass'],
      ['loadrig.thresholds.http_req_duration', 'avg<10', 'failure'],
      ['loadrig.thresholds.http_req_duration{name:login}', 'max<50', 'pass'],
      ['loadrig.thresholds.http_req_failed', 'rate<0.01', 'pass'],
    ]);
    expect(thresholds[1]!.children[0]!.attrs['message']).toBe('avg=19.76ms, expected avg<10');
  });

  const findingCases = (xmlText: string) =>
    parseXml(xmlText)
      .children[0]!.children.filter((c) => c.attrs['classname']?.startsWith('loadrig.findings.'))
      .map((c) => [c.attrs['name'], c.children.map((x) => x.name).join('+')]);

  it('has a test case per critical or warning finding; without --fail-on none fails', () => {
    expect(findingCases(xml)).toEqual([
      ['[critical] RSS grows linearly: 1 MB/s', 'skipped+system-out'],
      ['[warning] p99 is 4.1× p95', 'skipped+system-out'],
    ]);
    const critical = cases.find((c) => c.attrs['name']?.startsWith('[critical]'));
    expect(critical?.children[0]?.attrs['message']).toBe(
      'critical, findings do not fail this run (no --fail-on): RSS grows linearly: 1 MB/s',
    );
    expect(critical?.children[1]?.text).toContain('Fix: Take two heap snapshots');
  });

  it('fails exactly the findings --fail-on fails, so failures agree with the exit code', () => {
    const withFailOn = (failOn: 'critical' | 'warning') => {
      const r = sampleRun({ failOn });
      return renderJunit(r, { ...analyseRun(r), findings: sampleFindings() });
    };
    expect(findingCases(withFailOn('critical'))).toEqual([
      ['[critical] RSS grows linearly: 1 MB/s', 'failure'],
      ['[warning] p99 is 4.1× p95', 'skipped+system-out'],
    ]);
    expect(findingCases(withFailOn('warning'))).toEqual([
      ['[critical] RSS grows linearly: 1 MB/s', 'failure'],
      ['[warning] p99 is 4.1× p95', 'failure'],
    ]);
    // One failed threshold, plus the critical finding under --fail-on critical.
    expect(parseXml(withFailOn('critical')).attrs['failures']).toBe('2');
    expect(parseXml(xml).attrs['failures']).toBe('1');
    expect(parseXml(xml).attrs['skipped']).toBe('2');
  });

  it('a passed run with a critical finding and no --fail-on has no failure at all', () => {
    const passing = sampleRun();
    passing.meta.scenario.thresholds = {};
    const out = parseXml(
      renderJunit(passing, { ...analyseRun(passing), findings: sampleFindings() }),
    );
    expectJunitShape(out);
    expect(out.attrs['failures']).toBe('0');
  });

  it('fails the run case when the run failed for a reason no other case shows', () => {
    const failed = sampleRun({ status: 'failed' });
    failed.meta.scenario.thresholds = {};
    const out = parseXml(renderJunit(failed, analyseRun(failed)));
    expectJunitShape(out);
    const runCase = out.children[0]!.children.find((c) => c.attrs['classname'] === 'loadrig.run');
    expect(runCase?.children[0]?.name).toBe('failure');
  });

  it('errors the run case when the run was interrupted', () => {
    const interrupted = sampleRun({ status: 'interrupted' });
    const out = parseXml(renderJunit(interrupted, analyseRun(interrupted)));
    expectJunitShape(out);
    const runCase = out.children[0]!.children.find((c) => c.attrs['classname'] === 'loadrig.run');
    expect(runCase?.children[0]?.name).toBe('error');
  });

  it('stays well-formed with hostile names and control characters', () => {
    const hostile = hostileRun();
    hostile.meta.scenario.thresholds = { [`http_req_duration{name:${HOSTILE_ATTR}}`]: ['p(95)<1'] };
    const finding = { ...sampleFindings()[2]!, title: `${HOSTILE_SCRIPT}\u0001\u001b` };
    const out = renderJunit(hostile, { ...analyseRun(hostile), findings: [finding] });
    const parsed = parseXml(out);
    expectJunitShape(parsed);
    expect(parsed.children[0]!.attrs['name']).toBe(`loadrig: ${HOSTILE_SCRIPT}`);
    expect(out).not.toContain('<script>');
  });
});

describe('parseXml (the checker above)', () => {
  it.each(['<a><b></a>', '<a x=1/>', '<a>&</a>', '<a x="1" x="2"/>', '<a><b/>', '<a/><b/>'])(
    'rejects %s',
    (xml) => {
      expect(() => parseXml(xml)).toThrow();
    },
  );
});
