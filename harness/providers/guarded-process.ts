import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TargetExit } from './provider.js';
import {
  guardianArgv,
  isGuardianMessage,
  TARGET_NODE_OPTIONS_ENV,
  type GuardianArgs,
} from './guardian-protocol.js';
import { processGroupAlive, signalProcessGroup } from './process-alive.js';

export interface GuardedProcessOptions extends GuardianArgs {
  guardianPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives the target's stdout and stderr (opened for append, written by the target itself). */
  logFile: string;
}

/** How the start of the real target went, as the guardian reported it. */
export type StartOutcome =
  | { kind: 'started'; pid: number }
  | { kind: 'spawn-error'; code: string; message: string }
  | { kind: 'guardian-exited'; exit: TargetExit };

// Beyond the guardian's own grace period: time for its SIGKILL and its bounded wait for the
// group to vanish (5 s), so the harness kills the guardian only if it is itself stuck.
const HARD_KILL_MARGIN_MS = 7000;
const GROUP_GONE_WAIT_MS = 2000;

/** A target process started through the guardian (see guardian.ts). */
export class GuardedProcess {
  /** Never rejects. */
  readonly started: Promise<StartOutcome>;
  /** Settles when the real target exits, whoever stopped it. Never rejects. */
  readonly exited: Promise<TargetExit>;
  /** Settles once the guardian and the target's whole process group are gone. */
  readonly gone: Promise<void>;
  #pid: number | undefined;
  #stopping: Promise<void> | undefined;

  constructor(
    private readonly child: ChildProcess,
    private readonly graceMs: number,
  ) {
    let onStarted!: (outcome: StartOutcome) => void;
    let onExit!: (exit: TargetExit) => void;
    let onGone!: () => void;
    this.started = new Promise((resolve) => (onStarted = resolve));
    this.exited = new Promise((resolve) => (onExit = resolve));
    this.gone = new Promise((resolve) => (onGone = resolve));
    let exitReported = false;

    child.on('message', (message) => {
      if (!isGuardianMessage(message)) return;
      if (message.type === 'started') {
        this.#pid = message.pid;
        onStarted({ kind: 'started', pid: message.pid });
      } else if (message.type === 'spawn-error') {
        onStarted({ kind: 'spawn-error', code: message.code, message: message.message });
      } else {
        exitReported = true;
        onExit({ code: message.code, signal: message.signal });
      }
    });
    child.stdin?.on('error', () => {}); // the guardian may be gone before we close the pipe
    child.once('error', (err: NodeJS.ErrnoException) => {
      onStarted({ kind: 'spawn-error', code: err.code ?? 'EUNKNOWN', message: err.message });
      if (child.pid === undefined) onGone();
    });
    // 'close' comes after the IPC channel has delivered every message.
    child.once('close', (code, signal) => {
      const exit = { code, signal };
      onStarted({ kind: 'guardian-exited', exit });
      onExit(exit);
      const pid = this.#pid;
      if (exitReported || pid === undefined) return onGone();
      // The guardian died without seeing its target out (SIGKILLed, say): finish its job.
      signalProcessGroup(pid, 'SIGKILL');
      void waitGroupGone(pid).then(onGone);
    });
  }

  get pid(): number | undefined {
    return this.#pid;
  }

  /** Idempotent: asks the guardian to stop the group; kills the guardian if it does not. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      if (this.child.exitCode === null && this.child.signalCode === null)
        this.child.kill('SIGTERM');
      const hardKill = setTimeout(
        () => this.child.kill('SIGKILL'),
        this.graceMs + HARD_KILL_MARGIN_MS,
      );
      try {
        await this.gone;
      } finally {
        clearTimeout(hardKill);
      }
    })();
    return this.#stopping;
  }
}

async function waitGroupGone(pgid: number): Promise<void> {
  const deadline = Date.now() + GROUP_GONE_WAIT_MS;
  while (processGroupAlive(pgid) && Date.now() < deadline) await sleep(25);
}

/** Spawns `node guardian.js ...`; throws only if the log file cannot be opened. */
export function spawnGuarded(options: GuardedProcessOptions): GuardedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const logFd = openSync(options.logFile, 'a');
  try {
    const env = { ...options.env };
    if (env.NODE_OPTIONS !== undefined) {
      env[TARGET_NODE_OPTIONS_ENV] = env.NODE_OPTIONS;
      delete env.NODE_OPTIONS;
    }
    const child = spawn(process.execPath, [options.guardianPath, ...guardianArgv(options)], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', logFd, logFd, 'ipc'],
    });
    return new GuardedProcess(child, options.graceMs);
  } finally {
    closeSync(logFd); // the guardian holds its own copy
  }
}
