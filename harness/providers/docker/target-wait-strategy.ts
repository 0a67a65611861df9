import { InternalError } from '../../../core/errors.js';
import { Wait, type WaitStrategy } from 'testcontainers';
import type { ContainerHealth } from '../../../targets/container-target.js';
import { waitForHttp } from '../wait-for-http.js';
import { pollUntilReady } from './poll-until-ready.js';
import { ReadinessWaitStrategy } from './readiness-wait-strategy.js';
import { tcpConnect } from './tcp-connect.js';

export interface TargetWaitContext {
  service: string;
  image: string;
  port: number;
  logFile: string;
  signal?: AbortSignal;
}

/** The readiness strategy for a target container: HTTP health, a log line, or a listening port. */
export function targetWaitStrategy(health: ContainerHealth, ctx: TargetWaitContext): WaitStrategy {
  const what = { service: ctx.service, image: ctx.image, logFile: ctx.logFile };
  const baseUrl = `http://127.0.0.1:${ctx.port}`;
  switch (health.kind) {
    case 'http':
      return new ReadinessWaitStrategy(
        {
          wait: (failFast) =>
            waitForHttp({ name: ctx.service, baseUrl, health, logFile: ctx.logFile, failFast }),
        },
        what,
        health.timeoutMs,
        ctx.signal,
      );
    case 'log':
      return Wait.forLogMessage(health.message, health.times).withStartupTimeout(health.timeoutMs);
    case 'port':
      return new ReadinessWaitStrategy(
        {
          wait: (failFast) =>
            pollUntilReady({
              what: `container "${ctx.service}" (image ${ctx.image}) listening on 127.0.0.1:${ctx.port}`,
              timeoutMs: health.timeoutMs,
              attempt: (signal) => tcpConnect('127.0.0.1', ctx.port, signal),
              failFast,
              hint: `the service must listen on the port given in its PORT variable; see ${ctx.logFile}`,
            }),
        },
        what,
        health.timeoutMs,
        ctx.signal,
      );
    default: {
      const unknown: never = health;
      throw new InternalError(`unknown health check ${JSON.stringify(unknown)}`);
    }
  }
}
