import type { ErrorIssue } from '../../core/errors.js';
import { closestName } from '../../core/validation/closest-name.js';
import {
  detectors,
  unknownDetectorOverrides,
  type DetectorOverrides,
} from '../../reports/analysis/detectors/index.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A scenario's detector overrides checked against the detectors this loadrig has (they live
 * in the report layer, so the loader checks them), each unknown name with the nearest valid one.
 */
export function detectorIssues(overrides: unknown): ErrorIssue[] {
  if (!isRecord(overrides)) return [];
  const near = nearestNames(overrides);
  return unknownDetectorOverrides(overrides as DetectorOverrides).map((problem) => {
    const [path = 'detectors', message = problem] = problem.split(/: (.*)/s);
    const guess = near.get(path);
    return { path, message: guess === undefined ? message : `${message}; did you mean ${guess}?` };
  });
}

/** Path of each unknown detector or setting → the valid name it most likely meant. */
function nearestNames(overrides: Record<string, unknown>): Map<string, string> {
  const near = new Map<string, string>();
  const registry: Record<string, { defaults: object } | undefined> = detectors;
  for (const [name, value] of Object.entries(overrides)) {
    const detector = registry[name];
    if (detector === undefined) {
      const guess = closestName(name, Object.keys(detectors));
      if (guess !== undefined) near.set(`detectors.${name}`, guess);
      continue;
    }
    if (!isRecord(value)) continue;
    for (const key of Object.keys(value)) {
      const guess = closestName(key, Object.keys(detector.defaults));
      if (guess !== undefined) near.set(`detectors.${name}.${key}`, guess);
    }
  }
  return near;
}
