/**
 * The one error hierarchy. Every error a user can cause or meet carries a stable `code`, a
 * `hint` (what to do next) and, for validation, every problem found (`issues`, each with its
 * path). Exit codes come from the code, in one table (exit-codes.ts); users never see a stack
 * trace for a mistake of theirs.
 */
export const ERROR_CODES = [
  'E_USAGE',
  'E_INVALID_VALUE',
  'E_SCENARIO_NOT_FOUND',
  'E_SCENARIO_LOAD',
  'E_SCENARIO_INVALID',
  'E_FEEDER_EXHAUSTED',
  'E_FLOW_FAILED',
  'E_TARGET_UNKNOWN',
  'E_TARGET_INVALID',
  'E_TARGET_START',
  'E_TARGET_BUILD',
  'E_TARGET_UNHEALTHY',
  'E_TARGET_UNREACHABLE',
  'E_TARGET_EXITED',
  'E_DOCKER_UNAVAILABLE',
  'E_IMAGE_NOT_FOUND',
  'E_RUN_DIR',
  'E_RUN_DATA',
  'E_RUN_WRITE',
  'E_RUN_ABORTED',
  'E_METRIC_KIND',
  'E_K6_NOT_FOUND',
  'E_PACKAGE_MISSING',
  'E_K6_SCRIPT',
  'E_K6_FAILED',
  'E_IMPORT',
  'E_INFLUX',
  'E_TRANSPORT',
  'E_HTTP_PARSE',
  'E_ENGINE',
  'E_INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a validation, at its path (`profile.stages.0.vus`, `thresholds["x"][0]`). */
export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorOptions {
  cause?: unknown;
  issues?: readonly ErrorIssue[];
}

/**
 * Marks loadrig's errors across copies of this module: a scenario file is loaded through jiti
 * with its own copy of loadrig's classes, so `instanceof` cannot recognise what it throws.
 */
const BRAND = Symbol.for('loadrig.error');

export class LoadrigError extends Error {
  readonly issues: readonly ErrorIssue[];
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options: ErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LoadrigError';
    this.issues = options.issues ?? [];
  }

  /** A loadrig error from any copy of this module (see BRAND). */
  static is(e: unknown): e is LoadrigError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
  }
}

const listed = (issues: readonly ErrorIssue[]): string =>
  issues.map((i) => `${i.path}: ${i.message}`).join('\n');

export class UsageError extends LoadrigError {
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, hint);
    this.name = 'UsageError';
  }
}

export class ScenarioError extends LoadrigError {
  constructor(
    code: 'E_SCENARIO_NOT_FOUND' | 'E_SCENARIO_LOAD' | 'E_SCENARIO_INVALID',
    readonly file: string,
    message: string,
    hint?: string,
    options?: ErrorOptions,
  ) {
    super(code, message, hint, options);
    this.name = 'ScenarioError';
  }
}

/**
 * A scenario's fields, all problems at once, each with its path. `deferred` holds the fields
 * only the loader can check (detector names live in the report layer, custom metrics are known
 * once the whole file ran), so it can add their problems to the same list.
 */
export class ScenarioValidationError extends LoadrigError {
  constructor(
    issues: readonly ErrorIssue[],
    readonly deferred: { detectors?: unknown; thresholds?: unknown } = {},
  ) {
    super('E_SCENARIO_INVALID', listed(issues), 'fix the fields listed above', { issues });
    this.name = 'ScenarioValidationError';
  }
}

/** A value a user gave that loadrig cannot use, at the path it was given, with the fix. */
export class InvalidValueError extends LoadrigError {
  constructor(
    readonly path: string,
    problem: string,
    hint?: string,
  ) {
    super('E_INVALID_VALUE', `${path}: ${problem}`, hint, { issues: [{ path, message: problem }] });
    this.name = 'InvalidValueError';
  }
}

/** A value that does not parse (a duration, a threshold), at the path it was given. */
export class DurationSyntaxError extends LoadrigError {
  constructor(
    readonly input: unknown,
    readonly field: string,
  ) {
    const problem = `${JSON.stringify(input)} is not a duration; write a number of milliseconds or a string such as '500ms', '30s', '2m', '1h30m'`;
    super('E_INVALID_VALUE', `${field}: ${problem}`, undefined, {
      issues: [{ path: field, message: problem }],
    });
    this.name = 'DurationSyntaxError';
  }
}

export class ThresholdSyntaxError extends LoadrigError {
  constructor(
    readonly path: string,
    readonly input: string,
    readonly expected: string,
  ) {
    const problem = `${JSON.stringify(input)} is not valid; expected ${expected}`;
    super('E_INVALID_VALUE', `${path}: ${problem}`, undefined, {
      issues: [{ path, message: problem }],
    });
    this.name = 'ThresholdSyntaxError';
  }
}

export class ThresholdListError extends LoadrigError {
  constructor(readonly problems: readonly ThresholdSyntaxError[]) {
    super('E_INVALID_VALUE', problems.map((p) => p.message).join('\n'), undefined, {
      issues: problems.flatMap((p) => p.issues),
    });
    this.name = 'ThresholdListError';
  }
}

export class FeederExhaustedError extends LoadrigError {
  constructor(
    readonly source: string,
    readonly rows: number,
  ) {
    super(
      'E_FEEDER_EXHAUSTED',
      `feeder ${source} has handed out all its ${rows} rows in unique mode; add rows, lower the iterations, or use mode 'sequential'`,
    );
    this.name = 'FeederExhaustedError';
  }
}

/** The flow fails by itself before any load (every warm-up iteration threw): fix the flow. */
export class FlowError extends LoadrigError {
  constructor(message: string, hint?: string) {
    super('E_FLOW_FAILED', message, hint);
    this.name = 'FlowError';
  }
}

export type TargetErrorCode =
  | 'E_TARGET_UNKNOWN'
  | 'E_TARGET_INVALID'
  | 'E_TARGET_START'
  | 'E_TARGET_BUILD'
  | 'E_TARGET_UNHEALTHY'
  | 'E_TARGET_UNREACHABLE'
  | 'E_TARGET_EXITED'
  | 'E_DOCKER_UNAVAILABLE'
  | 'E_IMAGE_NOT_FOUND';

export class TargetError extends LoadrigError {
  constructor(code: TargetErrorCode, message: string, hint?: string, options?: ErrorOptions) {
    super(code, message, hint, options);
    this.name = 'TargetError';
  }
}

/** A target spec's fields, all problems at once, each with its path. */
export class TargetSpecError extends LoadrigError {
  constructor(issues: readonly ErrorIssue[]) {
    super('E_TARGET_INVALID', listed(issues), 'fix the target fields listed above', { issues });
    this.name = 'TargetSpecError';
  }
}

/** A run directory that cannot be read or written, or whose files break the run format. */
export class RunDirError extends LoadrigError {
  constructor(
    readonly path: string,
    message: string,
    hint?: string,
    options?: ErrorOptions & { code?: 'E_RUN_DIR' | 'E_RUN_DATA' },
  ) {
    super(options?.code ?? 'E_RUN_DIR', message, hint, options);
    this.name = 'RunDirError';
  }
}

/**
 * A write into the run directory failed (disk full, read-only, quota): the load stops, what was
 * already written stays readable. `path` is the file, `reason` the system's code (ENOSPC, EROFS).
 */
export class RunWriteError extends LoadrigError {
  readonly reason: string;

  constructor(
    readonly path: string,
    override readonly cause: unknown,
    readonly runDir?: string,
    /** Set when the failure ended the load early. */
    readonly loadStopped = false,
  ) {
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
    const why = WRITE_FAILURES[reason] ?? (cause as Error | undefined)?.message ?? String(cause);
    const kept =
      runDir === undefined
        ? ''
        : `; what was recorded until then is kept in ${runDir} (loadrig report ${runDir} reads it once the disk has room)`;
    super(
      'E_RUN_WRITE',
      `cannot write ${path}: ${why} (${reason})${loadStopped ? '; the load was stopped' : ''}`,
      `free some space or make the folder writable, or pass another folder with --runs <dir>${kept}`,
      { cause },
    );
    this.name = 'RunWriteError';
    this.reason = reason;
  }

  /** The same failure, as the reason the load ended early. */
  stoppingLoad(): RunWriteError {
    return this.loadStopped ? this : new RunWriteError(this.path, this.cause, this.runDir, true);
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
};

/** Optional packages a feature needs (Docker, Postgres, Redis clients) are not installed. */
export class PackageMissingError extends LoadrigError {
  readonly packages: readonly string[];

  constructor(packages: string | readonly string[], feature: string, cause?: unknown) {
    const list = typeof packages === 'string' ? [packages] : [...packages];
    const named =
      list.length === 1
        ? `the package ${list[0]}, which is not installed`
        : `the packages ${list.slice(0, -1).join(', ')} and ${list.at(-1)}, which are not installed`;
    super(
      'E_PACKAGE_MISSING',
      `${feature} needs ${named}`,
      `install ${list.length === 1 ? 'it' : 'them'} beside loadrig: npm install --save-dev ${list.join(' ')}`,
      cause === undefined ? {} : { cause },
    );
    this.name = 'PackageMissingError';
    this.packages = list;
  }
}

/**
 * One metric name used with two kinds (a trend and a counter both called "x"): its series
 * cannot be merged. Raised where the second kind shows up: a scenario declaring it, a flow
 * recording it, or run data holding both.
 */
export class MetricKindError extends LoadrigError {
  constructor(
    readonly metric: string,
    readonly firstKind: string,
    readonly secondKind: string,
    message = `metric "${metric}" has series of kind ${firstKind} and ${secondKind}; one metric keeps one kind`,
    hint = `give each metric its own name: a ${firstKind} and a ${secondKind} cannot share "${metric}"`,
  ) {
    super('E_METRIC_KIND', message, hint);
    this.name = 'MetricKindError';
  }
}

/** An encoded latency histogram (a trend's `hist`) that does not decode: run data damaged. */
export class HistogramDecodeError extends LoadrigError {
  constructor(problem: string, options?: ErrorOptions) {
    super(
      'E_RUN_DATA',
      `a latency histogram ("hist") in the run data does not decode: ${problem}`,
      'the run files were edited or damaged; restore them from the run artifacts',
      options,
    );
    this.name = 'HistogramDecodeError';
  }
}

/** A request that produced no response: `reason` is the cause (ECONNREFUSED, E_REQUEST_TIMEOUT...). */
export class TransportError extends LoadrigError {
  constructor(
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('E_TRANSPORT', message, undefined, options);
    this.name = 'TransportError';
  }
}

/** A response the HTTP/1.1 parser refuses: the request fails with this cause. */
export class HttpParseError extends LoadrigError {
  constructor(message: string) {
    super('E_HTTP_PARSE', message);
    this.name = 'HttpParseError';
  }
}

/** The load engine could not run (a worker thread failed, a build output is missing). */
export class EngineError extends LoadrigError {
  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super('E_ENGINE', message, hint, options);
    this.name = 'EngineError';
  }
}

/** A loadrig bug: the CLI prints its stack and asks for a report. */
export class InternalError extends LoadrigError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_INTERNAL', message, undefined, options);
    this.name = 'InternalError';
  }
}
