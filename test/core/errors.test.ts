import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  DurationSyntaxError,
  EngineError,
  ERROR_CODES,
  FeederExhaustedError,
  FlowError,
  HistogramDecodeError,
  HttpParseError,
  InternalError,
  InvalidValueError,
  LoadrigError,
  PackageMissingError,
  RunDirError,
  RunWriteError,
  ScenarioError,
  ScenarioValidationError,
  TargetError,
  TargetSpecError,
  ThresholdListError,
  ThresholdSyntaxError,
  TransportError,
  UsageError,
} from '../../core/errors.js';
import { EXIT, EXIT_BY_CODE, exitCodeFor } from '../../core/exit-codes.js';
import { reportError } from '../../harness/cli/report-error.js';

const issue = { path: 'profile.stages.0.vus', message: 'expected a number' };

/** Every error class: how it is built, and the code, exit code, message and issues it carries. */
const TABLE: {
  name: string;
  error: LoadrigError;
  code: string;
  exit: number;
  message: RegExp;
  issues: number;
}[] = [
  {
    name: 'UsageError',
    error: new UsageError('--segments: "x" is not a number', 'pass a count'),
    code: 'E_USAGE',
    exit: 2,
    message: /^--segments: "x" is not a number$/,
    issues: 0,
  },
  {
    name: 'InvalidValueError',
    error: new InvalidValueError('think time', 'max 1 ms is below min 2 ms', 'swap them'),
    code: 'E_INVALID_VALUE',
    exit: 2,
    message: /^think time: max 1 ms is below min 2 ms$/,
    issues: 1,
  },
  {
    name: 'DurationSyntaxError',
    error: new DurationSyntaxError('5 minutes', 'profile.hold'),
    code: 'E_INVALID_VALUE',
    exit: 2,
    message: /^profile\.hold: "5 minutes" is not a duration; write .*'30s'/,
    issues: 1,
  },
  {
    name: 'ThresholdSyntaxError',
    error: new ThresholdSyntaxError('thresholds.x[0]', 'p95<3', "'p(95)<300'"),
    code: 'E_INVALID_VALUE',
    exit: 2,
    message: /^thresholds\.x\[0\]: "p95<3" is not valid; expected 'p\(95\)<300'$/,
    issues: 1,
  },
  {
    name: 'ThresholdListError',
    error: new ThresholdListError([
      new ThresholdSyntaxError('a', 'x', 'y'),
      new ThresholdSyntaxError('b', 'x', 'y'),
    ]),
    code: 'E_INVALID_VALUE',
    exit: 2,
    message: /^a: .*\nb: /,
    issues: 2,
  },
  {
    name: 'ScenarioError',
    error: new ScenarioError(
      'E_SCENARIO_NOT_FOUND',
      'x.ts',
      'scenario file x.ts does not exist',
      'check the path',
    ),
    code: 'E_SCENARIO_NOT_FOUND',
    exit: 2,
    message: /x\.ts does not exist/,
    issues: 0,
  },
  {
    name: 'ScenarioValidationError',
    error: new ScenarioValidationError([issue, { path: 'name', message: 'required' }]),
    code: 'E_SCENARIO_INVALID',
    exit: 2,
    message: /^profile\.stages\.0\.vus: expected a number\nname: required$/,
    issues: 2,
  },
  {
    name: 'FeederExhaustedError',
    error: new FeederExhaustedError('users.csv', 3),
    code: 'E_FEEDER_EXHAUSTED',
    exit: 2,
    message: /users\.csv has handed out all its 3 rows/,
    issues: 0,
  },
  {
    name: 'TargetError',
    error: new TargetError(
      'E_TARGET_UNHEALTHY',
      'target "api" did not answer GET /health within 30000 ms',
      'check its logs',
    ),
    code: 'E_TARGET_UNHEALTHY',
    exit: 3,
    message: /within 30000 ms/,
    issues: 0,
  },
  {
    name: 'TargetError (unreachable)',
    error: new TargetError(
      'E_TARGET_UNREACHABLE',
      'target "api" did not answer a pre-flight GET http://127.0.0.1:9: connection refused',
    ),
    code: 'E_TARGET_UNREACHABLE',
    exit: 3,
    message: /pre-flight GET http:\/\/127\.0\.0\.1:9/,
    issues: 0,
  },
  {
    name: 'FlowError',
    error: new FlowError('every warm-up iteration threw (3 of 3)', 'fix the flow'),
    code: 'E_FLOW_FAILED',
    exit: 2,
    message: /^every warm-up iteration threw/,
    issues: 0,
  },
  {
    name: 'TargetError (unknown)',
    error: new TargetError('E_TARGET_UNKNOWN', 'unknown target "x"'),
    code: 'E_TARGET_UNKNOWN',
    exit: 2,
    message: /unknown target/,
    issues: 0,
  },
  {
    name: 'TargetSpecError',
    error: new TargetSpecError([{ path: 'port', message: 'expected 0..65535' }]),
    code: 'E_TARGET_INVALID',
    exit: 2,
    message: /^port: expected 0\.\.65535$/,
    issues: 1,
  },
  {
    name: 'RunDirError',
    error: new RunDirError('runs/x', 'runs/x is not a run directory'),
    code: 'E_RUN_DIR',
    exit: 2,
    message: /not a run directory/,
    issues: 0,
  },
  {
    name: 'RunDirError (data)',
    error: new RunDirError('run.json', 'run.json does not follow the run format', undefined, {
      code: 'E_RUN_DATA',
      issues: [issue],
    }),
    code: 'E_RUN_DATA',
    exit: 2,
    message: /run format/,
    issues: 1,
  },
  {
    name: 'HistogramDecodeError',
    error: new HistogramDecodeError('its checksum does not match'),
    code: 'E_RUN_DATA',
    exit: 2,
    message: /"hist".*does not decode: its checksum does not match$/,
    issues: 0,
  },
  {
    name: 'TransportError',
    error: new TransportError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
    code: 'E_TRANSPORT',
    exit: 3,
    message: /ECONNREFUSED/,
    issues: 0,
  },
  {
    name: 'HttpParseError',
    error: new HttpParseError('bad status line'),
    code: 'E_HTTP_PARSE',
    exit: 3,
    message: /^bad status line$/,
    issues: 0,
  },
  {
    name: 'EngineError',
    error: new EngineError('engine worker 1 exited (code 1)'),
    code: 'E_ENGINE',
    exit: 4,
    message: /worker 1/,
    issues: 0,
  },
  {
    name: 'RunWriteError (disk full)',
    error: new RunWriteError(
      'runs/x/client.ndjson',
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
      'runs/x',
      true,
    ),
    code: 'E_RUN_WRITE',
    exit: 3,
    message:
      /^cannot write runs\/x\/client\.ndjson: no space left on the device \(ENOSPC\); the load was stopped$/,
    issues: 0,
  },
  {
    name: 'RunWriteError (read-only)',
    error: new RunWriteError(
      'runs/x/run.json',
      Object.assign(new Error('EROFS'), { code: 'EROFS' }),
    ),
    code: 'E_RUN_WRITE',
    exit: 3,
    message: /^cannot write runs\/x\/run\.json: the file system is read-only \(EROFS\)/,
    issues: 0,
  },
  {
    name: 'PackageMissingError',
    error: new PackageMissingError('dockerode', 'a container target'),
    code: 'E_PACKAGE_MISSING',
    exit: 2,
    message: /^a container target needs the package dockerode, which is not installed$/,
    issues: 0,
  },
  {
    name: 'InternalError',
    error: new InternalError('unexpected value: 3'),
    code: 'E_INTERNAL',
    exit: 4,
    message: /unexpected value/,
    issues: 0,
  },
];

describe('the error hierarchy', () => {
  it.each(TABLE)('$name carries code $code, exit $exit, its message and issues', (row) => {
    expect(row.error).toBeInstanceOf(LoadrigError);
    expect(row.error).toBeInstanceOf(Error);
    expect(row.error.name).toBe(row.name.replace(/ \(.*\)$/, ''));
    expect(row.error.code).toBe(row.code);
    expect(exitCodeFor(row.error.code)).toBe(row.exit);
    expect(row.error.message).toMatch(row.message);
    expect(row.error.issues).toHaveLength(row.issues);
    for (const i of row.error.issues) expect(i.path.length).toBeGreaterThan(0);
  });

  it('maps every code to an exit code, and only to the documented ones', () => {
    expect(Object.keys(EXIT_BY_CODE).sort()).toEqual([...ERROR_CODES].sort());
    const documented = new Set<number>(Object.values(EXIT));
    for (const code of ERROR_CODES) expect(documented.has(exitCodeFor(code))).toBe(true);
  });

  it('says what to do about a run directory it cannot write and a package that is missing', () => {
    const full = new RunWriteError('d/client.ndjson', { code: 'ENOSPC' }, 'd');
    expect(full.reason).toBe('ENOSPC');
    expect(full.hint).toMatch(/--runs <dir>/);
    expect(full.hint).toMatch(/kept in d \(loadrig report d reads it/);
    expect(new PackageMissingError('pg', 'metrics.postgres').hint).toBe(
      'install it beside loadrig: npm install --save-dev pg',
    );
    const several = new PackageMissingError(['dockerode', 'testcontainers', 'pg'], 'target "api"');
    expect(several.message).toBe(
      'target "api" needs the packages dockerode, testcontainers and pg, which are not installed',
    );
    expect(several.hint).toBe(
      'install them beside loadrig: npm install --save-dev dockerode testcontainers pg',
    );
  });

  it('recognises its errors across copies of the module (a scenario loaded through jiti)', () => {
    const copy = Object.assign(new Error('from another copy'), {
      [Symbol.for('loadrig.error')]: true,
      code: 'E_SCENARIO_INVALID',
      issues: [issue],
    });
    expect(LoadrigError.is(copy)).toBe(true);
    expect(LoadrigError.is(new Error('plain'))).toBe(false);
    expect(LoadrigError.is({ code: 'E_USAGE' })).toBe(false);
  });
});

describe('the CLI error report', () => {
  const capture = (e: unknown): { code: number; text: string } => {
    let text = '';
    const out = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    return { code: reportError(e, out), text };
  };

  it('prints a user mistake as the message and its hint, with no stack trace', () => {
    const { code, text } = capture(
      new UsageError('--fail-on: "sometimes" is not valid', 'use critical, warning or never'),
    );
    expect(code).toBe(2);
    expect(text).toMatch(
      /error.*--fail-on: "sometimes" is not valid\n.*hint.*use critical, warning or never\n$/,
    );
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('prints a loadrig bug with its stack trace and asks for a report', () => {
    for (const bug of [new InternalError('unexpected value: 3'), new TypeError('x is undefined')]) {
      const { code, text } = capture(bug);
      expect(code).toBe(4);
      expect(text).toMatch(/internal error.*a loadrig bug/);
      expect(text).toMatch(/\n\s+at /);
    }
  });
});
