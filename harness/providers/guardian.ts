/**
 * The watchdog between the harness and a local target, run as `node guardian.js --grace-ms N
 * (--shell "cmd" | -- argv...)` with stdio [lifeline pipe, log, log, ipc]. The target's output
 * passes through it into the log, each line redacted as run files are (secrets never reach
 * target.log), and keeps doing so while the guardian outlives a harness that died.
 *
 * It starts the target as the leader of its own process group and stops that whole group when
 * it receives SIGTERM/SIGHUP or when the harness goes away for any reason, SIGKILL included: the
 * kernel then closes the lifeline pipe and the IPC channel, which no signal can prevent. That is
 * what keeps a crashed or killed harness from leaving targets running.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  parseGuardianArgv,
  TARGET_NODE_OPTIONS_ENV,
  type GuardianArgs,
  type GuardianMessage,
} from './guardian-protocol.js';
import { processGroupAlive, signalProcessGroup } from './process-alive.js';
import { pipeRedacted, type RedactingPipe } from './redacting-pipe.js';

const POLL_MS = 25;
const AFTER_KILL_WAIT_MS = 5000;
// A process that left the group (a daemon) may keep the output pipes open: wait this long at most.
const OUTPUT_DRAIN_MS = 1000;

function log(line: string): void {
  process.stderr.write(`[loadrig guardian] ${line}\n`);
}

function send(message: GuardianMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

function parseArgsOrExit(): GuardianArgs {
  try {
    return parseGuardianArgv(process.argv.slice(2));
  } catch (err) {
    log((err as Error).message);
    return process.exit(2);
  }
}

function spawnTarget({ command }: GuardianArgs): ChildProcess {
  const env = { ...process.env };
  const nodeOptions = env[TARGET_NODE_OPTIONS_ENV];
  delete env[TARGET_NODE_OPTIONS_ENV];
  if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
  // detached: setsid(), so the target and everything it forks share one process group.
  const options: SpawnOptions = { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] };
  if (typeof command === 'string') return spawn(command, { ...options, shell: true });
  const [file = '', ...args] = command;
  return spawn(file, args, options);
}

const args = parseArgsOrExit();
let pgid: number | undefined;
let targetExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
let exitReported: Promise<void> = Promise.resolve();
let stopping = false;
let outputs: RedactingPipe[] = [];

async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

function exitCode(): number {
  if (!targetExit) return 1;
  if (targetExit.code !== null) return targetExit.code;
  return 128 + (targetExit.signal ? (constants.signals[targetExit.signal] ?? 0) : 0);
}

/** Stops the whole group (SIGTERM, grace, SIGKILL), then exits; `reason` is unset when the target ended by itself. */
async function shutDown(reason?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (pgid !== undefined) {
    const group = pgid;
    const gone = (): boolean => targetExit !== undefined && !processGroupAlive(group);
    if (reason || processGroupAlive(group)) {
      log(
        `${reason ?? 'target exited, leaving processes behind'}: SIGTERM to process group ${group}`,
      );
      signalProcessGroup(group, 'SIGTERM');
    }
    if (!(await waitUntil(gone, args.graceMs))) {
      log(`process group ${group} still running ${args.graceMs} ms after SIGTERM: SIGKILL`);
      signalProcessGroup(group, 'SIGKILL');
      if (!(await waitUntil(gone, AFTER_KILL_WAIT_MS)))
        log(`process group ${group} outlived SIGKILL`);
    }
  }
  await exitReported;
  await Promise.race([Promise.all(outputs.map((o) => o.done)), sleep(OUTPUT_DRAIN_MS)]);
  for (const o of outputs) o.flush();
  process.exit(exitCode());
}

// Handlers go in before the target is spawned, in the same tick, so no stop request can find a
// target that the guardian does not yet know about.
process.on('SIGTERM', () => void shutDown('received SIGTERM'));
process.on('SIGHUP', () => void shutDown('received SIGHUP'));
// Ctrl-C reaches the harness too; it decides whether and how to stop the target.
process.on('SIGINT', () => {});
process.on('disconnect', () => void shutDown('the harness IPC channel closed'));
process.stdin.on('end', () => void shutDown('the harness closed the lifeline pipe'));
process.stdin.on('error', () => void shutDown('the lifeline pipe failed'));
process.stdin.resume();
process.on('uncaughtException', (err) => {
  log(`internal error, killing the target: ${err.stack ?? String(err)}`);
  if (pgid !== undefined) signalProcessGroup(pgid, 'SIGKILL');
  process.exit(70);
});

const child = spawnTarget(args);
if (child.pid === undefined) {
  child.once('error', (err: NodeJS.ErrnoException) => {
    void send({ type: 'spawn-error', code: err.code ?? 'EUNKNOWN', message: err.message }).then(
      () => process.exit(127),
    );
  });
} else {
  pgid = child.pid;
  outputs = [
    ...(child.stdout ? [pipeRedacted(child.stdout, 1)] : []),
    ...(child.stderr ? [pipeRedacted(child.stderr, 2)] : []),
  ];
  void send({ type: 'started', pid: child.pid });
  child.once('exit', (code, signal) => {
    targetExit = { code, signal };
    exitReported = send({ type: 'exit', code, signal });
    void shutDown();
  });
}
