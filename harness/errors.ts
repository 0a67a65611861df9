/**
 * Every error a user can cause or meet carries a stable `code` and a `hint` (what to do next).
 * The CLI maps codes to exit codes in one place (`exitCodeFor`); users never see a stack trace
 * for a mistake of theirs.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_SCENARIO_NOT_FOUND'
  | 'E_SCENARIO_LOAD'
  | 'E_SCENARIO_INVALID'
  | 'E_TARGET_UNKNOWN'
  | 'E_TARGET_INVALID'
  | 'E_TARGET_START'
  | 'E_TARGET_UNHEALTHY'
  | 'E_TARGET_EXITED'
  | 'E_DOCKER_UNAVAILABLE'
  | 'E_IMAGE_NOT_FOUND'
  | 'E_RUN_DIR'
  | 'E_K6_NOT_FOUND'
  | 'E_K6_SCRIPT'
  | 'E_K6_FAILED'
  | 'E_IMPORT'
  | 'E_INTERNAL';

export class LoadrigError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoadrigError';
  }
}

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
    options?: { cause?: unknown },
  ) {
    super(code, message, hint, options);
    this.name = 'ScenarioError';
  }
}

export class TargetError extends LoadrigError {
  constructor(
    code:
      | 'E_TARGET_UNKNOWN'
      | 'E_TARGET_INVALID'
      | 'E_TARGET_START'
      | 'E_TARGET_UNHEALTHY'
      | 'E_TARGET_EXITED'
      | 'E_DOCKER_UNAVAILABLE'
      | 'E_IMAGE_NOT_FOUND',
    message: string,
    hint?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, hint, options);
    this.name = 'TargetError';
  }
}

export const EXIT = {
  ok: 0,
  thresholdFailed: 1,
  usage: 2,
  target: 3,
  internal: 4,
  interrupted: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'E_USAGE':
    case 'E_SCENARIO_NOT_FOUND':
    case 'E_SCENARIO_LOAD':
    case 'E_SCENARIO_INVALID':
    case 'E_TARGET_UNKNOWN':
    case 'E_TARGET_INVALID':
    case 'E_RUN_DIR':
      return EXIT.usage;
    case 'E_K6_NOT_FOUND':
    case 'E_K6_SCRIPT':
    case 'E_IMPORT':
      return EXIT.usage;
    case 'E_K6_FAILED':
      return EXIT.internal;
    case 'E_TARGET_START':
    case 'E_TARGET_UNHEALTHY':
    case 'E_TARGET_EXITED':
    case 'E_DOCKER_UNAVAILABLE':
    case 'E_IMAGE_NOT_FOUND':
      return EXIT.target;
    case 'E_INTERNAL':
      return EXIT.internal;
  }
}
