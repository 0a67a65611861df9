/**
 * What a scenario names as its target, as the scenario layer sees it: a spec built by targets/
 * (`target({...})`, a container, an external URL), a bundled target's name, or a base URL.
 * The harness resolves it to a full spec (targets/registry.ts), so scenarios need not know the
 * target layer.
 */
export interface TargetRef {
  readonly kind: string;
  readonly name: string;
}
