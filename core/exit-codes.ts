import type { ErrorCode } from './errors.js';
import type { RunStatus } from './run-dir/schema/run-meta.js';

/** The exit codes of every loadrig command, documented in the README and `loadrig --help`. */
export const EXIT = {
  ok: 0,
  /** A threshold failed, a finding at or above --fail-on, or a regression (compare, history). */
  failed: 1,
  /** Bad usage, an invalid scenario, target, flag or run directory. */
  usage: 2,
  /** The target could not be started, did not answer, died, or the run directory could not be written. */
  target: 3,
  /** A loadrig bug, or the load engine could not run. */
  internal: 4,
  /** Interrupted (Ctrl-C, SIGTERM). */
  interrupted: 130,
} as const;

/** The one map from error code to exit code. */
export const EXIT_BY_CODE = {
  E_USAGE: EXIT.usage,
  E_INVALID_VALUE: EXIT.usage,
  E_SCENARIO_NOT_FOUND: EXIT.usage,
  E_SCENARIO_LOAD: EXIT.usage,
  E_SCENARIO_INVALID: EXIT.usage,
  E_FEEDER_EXHAUSTED: EXIT.usage,
  E_FLOW_FAILED: EXIT.usage,
  E_TARGET_UNKNOWN: EXIT.usage,
  E_TARGET_INVALID: EXIT.usage,
  E_TARGET_START: EXIT.target,
  E_TARGET_BUILD: EXIT.target,
  E_TARGET_UNHEALTHY: EXIT.target,
  E_TARGET_UNREACHABLE: EXIT.target,
  E_TARGET_EXITED: EXIT.target,
  E_DOCKER_UNAVAILABLE: EXIT.target,
  E_IMAGE_NOT_FOUND: EXIT.target,
  E_RUN_DIR: EXIT.usage,
  E_RUN_DATA: EXIT.usage,
  /** The run directory could not be written (disk full, read-only): the load stopped. */
  E_RUN_WRITE: EXIT.target,
  /** Recorded in run.json when a later command finds the run's loadrig process gone. */
  E_RUN_ABORTED: EXIT.interrupted,
  E_METRIC_KIND: EXIT.usage,
  E_K6_NOT_FOUND: EXIT.usage,
  /** An optional package (dockerode, testcontainers, pg, ioredis) a scenario needs is missing. */
  E_PACKAGE_MISSING: EXIT.usage,
  E_K6_SCRIPT: EXIT.usage,
  E_K6_FAILED: EXIT.internal,
  E_IMPORT: EXIT.usage,
  /** InfluxDB (`history --influx`) did not answer or refused the query: check the URL. */
  E_INFLUX: EXIT.usage,
  E_TRANSPORT: EXIT.target,
  E_HTTP_PARSE: EXIT.target,
  E_ENGINE: EXIT.internal,
  E_INTERNAL: EXIT.internal,
} as const satisfies Record<ErrorCode, number>;

export function exitCodeFor(code: ErrorCode): number {
  return EXIT_BY_CODE[code];
}

/** A finished run's exit code, from its status. */
export function exitCodeForStatus(status: RunStatus): number {
  switch (status) {
    case 'passed':
      return EXIT.ok;
    case 'failed':
      return EXIT.failed;
    case 'interrupted':
    case 'aborted':
      return EXIT.interrupted;
    case 'error':
      return EXIT.target;
    case 'running':
      return EXIT.internal;
  }
}
