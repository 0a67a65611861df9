import { BuiltinEngine } from './builtin/builtin-engine.js';
import { K6Engine } from './k6/k6-engine.js';
import type { Engine } from './engine.js';
import { UsageError } from '../../core/errors.js';

export const engines = {
  builtin: () => new BuiltinEngine(),
  k6: () => new K6Engine(),
} satisfies Record<string, () => Engine>;

export type EngineName = keyof typeof engines;

export function engineFor(name: string): Engine {
  const factory = (engines as Record<string, (() => Engine) | undefined>)[name];
  if (!factory) {
    throw new UsageError(
      `unknown engine ${JSON.stringify(name)}`,
      `use one of: ${Object.keys(engines).join(', ')}`,
    );
  }
  return factory();
}
