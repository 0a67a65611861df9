import { InvalidValueError } from '../core/errors.js';
/**
 * Extracts a value by a small JSONPath subset: `$.user.id`, `items[0].sku`, `data.tokens[-1]`,
 * `$['odd key']`. Returns undefined when a step is missing (never throws on shape).
 */
export function jsonPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of pathSteps(path)) {
    if (current === null || current === undefined) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step < 0 ? current.length + step : step];
    } else {
      // Own properties only: `toString` or `constructor` of a body without them is undefined,
      // not a function every object inherits.
      if (typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

const cache = new Map<string, (string | number)[]>();
const STEP = /\.([^.[\]]+)|\[(-?\d+)\]|\[['"]([^'"]*)['"]\]/gy;

export function pathSteps(path: string): (string | number)[] {
  let steps = cache.get(path);
  if (steps) return steps;
  let text = path.trim();
  if (text.startsWith('$')) text = text.slice(1);
  if (!text.startsWith('.') && !text.startsWith('[')) text = `.${text}`;
  steps = [];
  STEP.lastIndex = 0;
  let consumed = 0;
  for (let m = STEP.exec(text); m; m = STEP.exec(text)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] as string);
    consumed = STEP.lastIndex;
  }
  if (text !== '.' && consumed !== text.length) {
    throw new InvalidValueError(
      'json path',
      `${JSON.stringify(path)} is not valid`,
      `write steps such as '$.user.id', 'items[0].sku' or "$['odd key']"`,
    );
  }
  if (cache.size < 1000) cache.set(path, steps);
  return steps;
}
