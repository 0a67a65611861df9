import type { TargetSpec } from '../../targets/target.js';
import { TargetError } from '../../core/errors.js';
import type { ProvisionContext, Provider, RunningTarget, TargetExit } from './provider.js';
import { waitForHttp } from './wait-for-http.js';

/** A target someone else runs: optionally wait for its health check, never start or stop it. */
export class ExternalProvider implements Provider {
  async start(spec: TargetSpec, ctx: ProvisionContext): Promise<RunningTarget> {
    if (spec.kind !== 'external') {
      throw new TargetError(
        'E_TARGET_INVALID',
        `the external provider cannot start target "${spec.name}" of kind "${spec.kind}"`,
        'pick the provider with providerFor(spec)',
      );
    }
    ctx.signal?.throwIfAborted();
    if (spec.health) {
      await waitForHttp({
        name: spec.name,
        baseUrl: spec.baseUrl,
        health: spec.health,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    }
    const stop = (): Promise<void> => Promise.resolve();
    return {
      name: spec.name,
      baseUrl: spec.baseUrl,
      metricSources: [],
      // Not ours to watch: it never "exits" as far as loadrig knows.
      exited: new Promise<TargetExit>(() => {}),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  }
}
