/**
 * Test-only model of k6 v1.x's executor configuration rules, written from grafana/k6
 * lib/executors.go (StrictJSONUnmarshal: unknown fields are errors), lib/executor/base_config.go
 * and the `Validate()` of each lib/executor/*.go (messages as k6 words them). Read at v1.3.0 and
 * compared with v1.8.1 and v2.2.0: the same fields, bounds and messages, except the sanity limit
 * of 100,000,000 VUs a stage may target, which v2.2.0 no longer has (kept here: v1.x is modelled).
 */
import { isK6Int, k6DurationMs } from './k6-values.js';

const SCENARIO_NAME = /^[0-9a-zA-Z_-]+$/;
const MIN_DURATION_MS = 1000;
const MAX_CONCURRENT_VUS = 100_000_000;

const BASE_FIELDS = ['executor', 'startTime', 'gracefulStop', 'env', 'exec', 'tags', 'options'];
const FIELDS: Record<string, { ints: string[]; durations: string[]; other: string[] }> = {
  'constant-vus': { ints: ['vus'], durations: ['duration'], other: [] },
  'ramping-vus': { ints: ['startVUs'], durations: ['gracefulRampDown'], other: ['stages'] },
  'constant-arrival-rate': {
    ints: ['rate', 'preAllocatedVUs', 'maxVUs'],
    durations: ['timeUnit', 'duration'],
    other: [],
  },
  'ramping-arrival-rate': {
    ints: ['startRate', 'preAllocatedVUs', 'maxVUs'],
    durations: ['timeUnit'],
    other: ['stages'],
  },
  'per-vu-iterations': { ints: ['vus', 'iterations'], durations: ['maxDuration'], other: [] },
  'shared-iterations': { ints: ['vus', 'iterations'], durations: ['maxDuration'], other: [] },
  'externally-controlled': { ints: ['vus', 'maxVUs'], durations: ['duration'], other: [] },
};

type Config = Record<string, unknown>;

/** Problems k6 would report for one `options.scenarios` entry (an empty list: k6 accepts it). */
export function k6ExecutorProblems(
  name: string,
  raw: unknown,
  exportedFunctions: ReadonlySet<string>,
): string[] {
  const at = (msg: string): string => `scenario "${name}": ${msg}`;
  if (raw === null || typeof raw !== 'object') return [at('is not an object')];
  const c = raw as Config;
  const type = c['executor'];
  if (typeof type !== 'string' || type === '')
    return [at(`scenario '${name}' doesn't have a specified executor type`)];
  const fields = FIELDS[type];
  if (!fields) return [at(`executor type '${type}' is not one k6 has`)];
  const problems: string[] = [];
  const allowed = new Set([...BASE_FIELDS, ...fields.ints, ...fields.durations, ...fields.other]);
  for (const key of Object.keys(c)) {
    if (!allowed.has(key)) problems.push(at(`json: unknown field "${key}"`));
  }
  for (const f of fields.ints) {
    if (c[f] !== undefined && !isK6Int(c[f]))
      problems.push(at(`json: cannot unmarshal ${JSON.stringify(c[f])} into ${f} (an integer)`));
  }
  const ms: Record<string, number | undefined> = {};
  for (const f of [...fields.durations, 'startTime', 'gracefulStop']) {
    if (c[f] === undefined) continue;
    ms[f] = k6DurationMs(c[f]);
    if (ms[f] === undefined) problems.push(at(`'${String(c[f])}' is not a valid duration value`));
  }
  if (!SCENARIO_NAME.test(name))
    problems.push(
      at('the scenario name should contain only numbers, latin letters, underscores, and dashes'),
    );
  const exec = c['exec'] ?? 'default';
  if (c['exec'] === '') problems.push(at('exec value cannot be empty'));
  else if (typeof exec !== 'string' || !exportedFunctions.has(exec))
    problems.push(at(`function '${String(exec)}' not found in exports`));
  if ((ms['startTime'] ?? 0) < 0) problems.push(at("the startTime can't be negative"));
  if ((ms['gracefulStop'] ?? 0) < 0)
    problems.push(at("the gracefulStop timeout can't be negative"));
  for (const key of ['env', 'tags']) {
    const v = c[key];
    if (
      v !== undefined &&
      (v === null || typeof v !== 'object' || Object.values(v).some((x) => typeof x !== 'string'))
    )
      problems.push(at(`json: ${key} must map strings to strings`));
  }
  return [...problems, ...typeProblems(type, c, ms).map(at)];
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

function stageProblems(stages: unknown): string[] {
  if (!Array.isArray(stages) || stages.length === 0)
    return ['at least one stage has to be specified'];
  const problems: string[] = [];
  stages.forEach((s: Config, i) => {
    const n = i + 1;
    if (s === null || typeof s !== 'object')
      return void problems.push(`stage ${n} is not an object`);
    for (const key of Object.keys(s))
      if (key !== 'duration' && key !== 'target') problems.push(`json: unknown field "${key}"`);
    const d = s['duration'] === undefined ? undefined : k6DurationMs(s['duration']);
    if (s['duration'] === undefined) problems.push(`stage ${n} doesn't have a duration`);
    else if (d === undefined)
      problems.push(`'${String(s['duration'])}' is not a valid duration value`);
    else if (d < 0) problems.push(`the duration for stage ${n} can't be negative`);
    if (s['target'] === undefined) problems.push(`stage ${n} doesn't have a target`);
    else if (!isK6Int(s['target']))
      problems.push(
        `json: cannot unmarshal ${JSON.stringify(s['target'])} into target (an integer)`,
      );
    else if (s['target'] < 0) problems.push(`the target for stage ${n} can't be negative`);
    else if (s['target'] > MAX_CONCURRENT_VUS)
      problems.push(`target for stage ${n} exceeds max limit of ${MAX_CONCURRENT_VUS}`);
  });
  return problems;
}

function minDuration(field: string, ms: number | undefined): string[] {
  if (ms === undefined) return [`the ${field} is unspecified`];
  return ms < MIN_DURATION_MS ? [`the ${field} must be at least 1s, but is ${ms}ms`] : [];
}

function vusProblems(c: Config): string[] {
  const p: string[] = [];
  if (c['preAllocatedVUs'] === undefined) p.push("the number of preAllocatedVUs isn't specified");
  else if (num(c['preAllocatedVUs'], 0) < 0)
    p.push("the number of preAllocatedVUs can't be negative");
  if (c['maxVUs'] !== undefined && num(c['maxVUs'], 0) < num(c['preAllocatedVUs'], 0))
    p.push("maxVUs can't be less than preAllocatedVUs");
  return p;
}

function typeProblems(type: string, c: Config, ms: Record<string, number | undefined>): string[] {
  const vus = num(c['vus'], 1);
  const iterations = num(c['iterations'], 1);
  switch (type) {
    case 'constant-vus':
      return [
        ...(vus <= 0 ? ['the number of VUs must be more than 0'] : []),
        ...(c['duration'] === undefined
          ? ['the duration is unspecified']
          : minDuration('duration', ms['duration'])),
      ];
    case 'ramping-vus': {
      const start = num(c['startVUs'], 1);
      const targets = Array.isArray(c['stages'])
        ? (c['stages'] as Config[]).map((s) => num(s?.['target'], 0))
        : [];
      return [
        ...(start < 0 ? ["the number of start VUs can't be negative"] : []),
        ...(Math.max(start, ...targets) <= 0
          ? ["either startVUs or one of the stages' target values must be greater than 0"]
          : []),
        ...stageProblems(c['stages']),
        ...(start > MAX_CONCURRENT_VUS
          ? [`the startVUs exceed max limit of ${MAX_CONCURRENT_VUS}`]
          : []),
      ];
    }
    case 'constant-arrival-rate':
      return [
        ...(c['rate'] === undefined
          ? ["the iteration rate isn't specified"]
          : num(c['rate'], 0) <= 0
            ? ['the iteration rate must be more than 0']
            : []),
        ...((ms['timeUnit'] ?? 1000) <= 0 ? ['the timeUnit must be more than 0'] : []),
        ...(c['duration'] === undefined
          ? ['the duration is unspecified']
          : minDuration('duration', ms['duration'])),
        ...vusProblems(c),
      ];
    case 'ramping-arrival-rate':
      return [
        ...(num(c['startRate'], 0) < 0 ? ["the startRate value can't be negative"] : []),
        ...((ms['timeUnit'] ?? 1000) <= 0 ? ['the timeUnit must be more than 0'] : []),
        ...stageProblems(c['stages']),
        ...vusProblems(c),
      ];
    case 'per-vu-iterations':
      return [
        ...(vus <= 0 ? ['the number of VUs must be more than 0'] : []),
        ...(iterations <= 0 ? ['the number of iterations must be more than 0'] : []),
        ...minDuration('maxDuration', ms['maxDuration'] ?? 600_000),
      ];
    case 'shared-iterations':
      return [
        ...(vus <= 0 ? ['the number of VUs must be more than 0'] : []),
        ...(iterations < vus
          ? [
              `the number of iterations (${iterations}) can't be less than the number of VUs (${vus})`,
            ]
          : []),
        ...minDuration('maxDuration', ms['maxDuration'] ?? 600_000),
      ];
    default:
      return [];
  }
}
