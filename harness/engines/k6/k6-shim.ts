/**
 * What `import ... from 'loadrig'` means inside a script bundled for k6: the same builders,
 * minus validation and anything Node-only. The profile builders are pure, so they are reused.
 */
export { ramp, spike, soak, constantRate } from '../../../scenarios/profile.js';

export const scenario = <T>(definition: T): T => definition;
export const target = <T>(spec: T): T => spec;
export const externalTarget = (baseUrl: string): { kind: 'external'; baseUrl: string } => ({
  kind: 'external',
  baseUrl,
});
