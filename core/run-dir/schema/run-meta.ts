import { z } from 'zod';
import { executorSchema } from './executors.js';
import { storedProfileSchema } from './profile.js';

/**
 * run.json, schema version 2: what ran, against what, on which machine, how it ended, and the
 * phases of the load with their time ranges. Documented with an example in docs/run-format.md.
 */
export const RUN_SCHEMA_VERSION = 2;

/** A threshold as written: k6's string, or k6's object form plus `window`. */
export const thresholdSourceSchema = z.union([
  z.string(),
  z.object({
    threshold: z.string(),
    abortOnFail: z.boolean().optional(),
    delayAbortEval: z.union([z.string(), z.number()]).optional(),
    window: z.union([z.string(), z.number()]).optional(),
  }),
]);

export const serverSeriesInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.enum(['percent', 'bytes', 'count', 'ms']),
  source: z.string(),
});

/** One container of a container target's run: replica, dependency or load balancer. */
export const containerInfoSchema = z.object({
  service: z.string(),
  role: z.string(),
  image: z.string(),
  port: z.number(),
  id: z.string(),
  cpus: z.number().optional(),
  memoryMb: z.number().optional(),
});

export const runStatusSchema = z.enum([
  'running',
  'passed',
  'failed',
  'interrupted',
  'error',
  /** The loadrig process died (killed, crashed) while the run was going; found afterwards. */
  'aborted',
]);

/** Whether the load generator kept the schedule (built-in engine). */
export const generatorHealthSchema = z.object({
  reliable: z.boolean(),
  reasons: z.array(z.string()),
  /** Worst event-loop delay of the generator in any second (p99 of that second). */
  maxEventLoopLagMs: z.number(),
  /** Highest CPU use of the generator process in any second, in % of one core. */
  maxCpuPercent: z.number(),
  /** Arrivals that started late because the generator was busy, and the worst delay. */
  lateArrivals: z.number(),
  maxArrivalLagMs: z.number(),
});

/** Where a distinct flow error was first thrown, and the `error` tag of its flow_errors series. */
export const flowErrorSiteSchema = z.object({
  /** `TypeError@checkout.ts:42`: the error's name and location (or its name alone). */
  tag: z.string(),
  /** `file:line` relative to the scenario file's folder, when the stack showed one. */
  location: z.string().optional(),
});

export const engineResultSchema = z.object({
  iterations: z.number(),
  interruptedIterations: z.number(),
  droppedIterations: z.number(),
  /** Exceptions the flow threw, by message (at most 50 distinct per thread; then one "other"). */
  flowErrors: z.record(z.string(), z.number()),
  /** By the same messages: where each was first thrown. */
  flowErrorSites: z.record(z.string(), flowErrorSiteSchema).optional(),
  /** The most VUs in an iteration at once. */
  peakVus: z.number(),
  /** The most VUs allocated at once, busy or idle (an open model's pool; k6's vus_max). */
  peakAllocatedVus: z.number().optional(),
  k6Thresholds: z
    .array(z.object({ metric: z.string(), expression: z.string(), passed: z.boolean() }))
    .optional(),
  /**
   * `reliable: false` means the figures partly measure loadrig itself; `reasons` say why.
   */
  generator: generatorHealthSchema.optional(),
});

/**
 * What one `--out` output (InfluxDB...) received. The run directory holds every second
 * whatever happened to the output; this says whether the output has them too.
 */
export const outputReportSchema = z.object({
  /** The output's name (`influxdb`). */
  output: z.string(),
  /** Where it wrote, any password replaced by `***`. */
  target: z.string(),
  pointsWritten: z.number().int().nonnegative(),
  /** Points given up after retries, or never sent before the run's end. */
  pointsDropped: z.number().int().nonnegative(),
  /** Write requests that failed (each retried until the last attempt). */
  failedWrites: z.number().int().nonnegative(),
  lastError: z.string().optional(),
});

/**
 * The load model: closed (virtual users loop), open (arrivals scheduled at a rate), mixed
 * (named scenarios of both), or unknown (a plain k6 script or an import: k6's options are not
 * known to loadrig).
 */
export const loadModelSchema = z.enum(['closed', 'open', 'mixed', 'unknown']);

/**
 * A span of the run, in unix milliseconds. `hold` spans are the steady state that comparisons
 * and capacity fits use; `ramp-up`, `ramp-down`, `warmup` and `drain` are left out of them.
 * `level` is the VUs (closed) or iterations per second (open) held or reached at the end.
 */
export const phaseSchema = z.object({
  kind: z.enum(['warmup', 'ramp-up', 'hold', 'ramp-down', 'iterations', 'drain']),
  /** The executor (k6 scenario) it belongs to; absent for warm-up and drain. */
  scenario: z.string().optional(),
  startMs: z.number(),
  endMs: z.number(),
  level: z.number().optional(),
});

export const runMetaSchema = z.object({
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  id: z.string(),
  status: runStatusSchema,
  /** Why the run ended in an error: its code, message and, when known, what to do next. */
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string().optional() })
    .optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  scenario: z.object({
    name: z.string(),
    file: z.string().optional(),
    profile: storedProfileSchema,
    loadModel: loadModelSchema,
    /** The k6 executors the profile ran as, by scenario name, with every option resolved. */
    executors: z.record(z.string(), executorSchema),
    /** As written: k6 strings, or objects with abortOnFail / delayAbortEval / window. */
    thresholds: z.record(z.string(), z.array(thresholdSourceSchema)),
    /** Detector overrides from the scenario: settings by detector name, or false to turn one off. */
    detectors: z
      .record(z.string(), z.union([z.literal(false), z.record(z.string(), z.number())]))
      .optional(),
    durationMs: z.number(),
  }),
  /** The spans of the run as it went (planned spans cut at the real end); empty before load. */
  phases: z.array(phaseSchema),
  /** How the phases were found: recorded while running, or derived from the profile (schema 1). */
  phasesSource: z.enum(['recorded', 'derived']).optional(),
  target: z.object({
    name: z.string(),
    provider: z.string(),
    baseUrl: z.string(),
    command: z.array(z.string()).optional(),
    /** PID of the process loadrig started, if any. */
    pid: z.number().optional(),
    /** Container targets: the image, the replica count and the limits applied. */
    image: z.string().optional(),
    replicas: z.number().optional(),
    resources: z
      .object({
        cpus: z.number().optional(),
        memoryMb: z.number().optional(),
        nodeHeapLimitMb: z.number().optional(),
      })
      .optional(),
    containers: z.array(containerInfoSchema).optional(),
  }),
  engine: z.string(),
  /** Findings at or above this severity fail the run (`--fail-on`); thresholds always do. */
  failOn: z.enum(['critical', 'warning', 'never']).optional(),
  /** What the engine reported when it finished (absent while running or if it never ran). */
  engineResult: engineResultSchema.optional(),
  /** The loadrig process writing the run: lets a later reader tell a dead run from a live one. */
  runner: z.object({ pid: z.number(), hostname: z.string() }).optional(),
  loadrig: z.string(),
  node: z.string(),
  git: z.object({ commit: z.string(), branch: z.string(), dirty: z.boolean() }).optional(),
  host: z.object({
    hostname: z.string(),
    platform: z.string(),
    arch: z.string(),
    cpus: z.number(),
    cpuModel: z.string(),
    memoryBytes: z.number(),
  }),
  serverSeries: z.array(serverSeriesInfoSchema),
  /** The run's `--out` outputs and what each received; absent when it had none. */
  outputs: z.array(outputReportSchema).optional(),
});

export type ThresholdSource = z.infer<typeof thresholdSourceSchema>;
export type ServerSeriesInfo = z.infer<typeof serverSeriesInfoSchema>;
export type ContainerInfo = z.infer<typeof containerInfoSchema>;
export type RunStatus = z.infer<typeof runStatusSchema>;
export type GeneratorHealth = z.infer<typeof generatorHealthSchema>;
export type FlowErrorSite = z.infer<typeof flowErrorSiteSchema>;
export type EngineResultRecord = z.infer<typeof engineResultSchema>;
export type LoadModel = z.infer<typeof loadModelSchema>;
export type OutputReport = z.infer<typeof outputReportSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type PhaseKind = Phase['kind'];
export type RunMeta = z.infer<typeof runMetaSchema>;
