import type { LogSink } from './log-sink.js';
import type { BridgeNetwork } from './run-network.js';
import type { StartedService } from './started-service.js';

/** How a dependency container is started: the same for every kind of dependency. */
export interface DependencyStart {
  /** Its port on 127.0.0.1. */
  port: number;
  image: string;
  runId: string;
  logs: LogSink;
  signal?: AbortSignal;
  /** Bridge mode: the run's network (the target then reaches it by name). */
  network?: BridgeNetwork;
}

/** A dependency that answers: its container, and the URL the target is given. */
export interface StartedDependency extends StartedService {
  /** Variable name and URL injected into the target's environment. */
  urlEnv: string;
  url: string;
  /** The URL from this machine (readiness, seeding, metrics); `url` too with host networking. */
  hostUrl: string;
}
