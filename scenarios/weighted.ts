import { InvalidValueError } from '../core/errors.js';
import type { Flow } from './vu-context.js';

export interface WeightedFlow {
  name: string;
  weight: number;
  flow: Flow;
}

/**
 * One flow that runs one of several, chosen by weight per iteration (70 % browse, 25 % search,
 * 5 % buy). Each runs inside `vu.group(name)`, so its requests are reported separately.
 */
export function weighted(flows: WeightedFlow[], random: () => number = Math.random): Flow {
  const total = flows.reduce((n, f) => n + f.weight, 0);
  if (flows.length === 0 || !(total > 0) || flows.some((f) => !(f.weight >= 0))) {
    throw new InvalidValueError(
      'weighted()',
      `${flows.length} flows with weights summing to ${total}`,
      'give at least one flow, each with a weight >= 0, summing above 0',
    );
  }
  return (vu) => {
    let pick = random() * total;
    for (const f of flows) {
      pick -= f.weight;
      if (pick < 0) return vu.group(f.name, () => f.flow(vu));
    }
    const last = flows[flows.length - 1] as WeightedFlow;
    return vu.group(last.name, () => last.flow(vu));
  };
}
