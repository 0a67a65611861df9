import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../../core/package-root.js';

import type { FlowErrorSite } from '../../../core/run-dir/run-data.js';

export type { FlowErrorSite };

/** Distinct messages kept per thread: messages with ids or times in them must not grow forever. */
export const MAX_FLOW_ERROR_MESSAGES = 50;
export const OTHER_FLOW_ERRORS = '(other flow errors)';
const MAX_MESSAGE_CHARS = 300;

/**
 * Flow exceptions counted by message, each with where it was first thrown. Reading a stack is
 * costly (it is formatted, and source-mapped, on first access), so only the first occurrence
 * of a message is located; later ones are a map lookup.
 */
export class FlowErrorTally {
  private readonly byMessage = new Map<string, { count: number; site: FlowErrorSite }>();
  private readonly scenarioFile: string | undefined;

  constructor(scenarioFile: string | undefined) {
    this.scenarioFile = scenarioFile === undefined ? undefined : resolve(scenarioFile);
  }

  /** Counts `e`; `first` is true the first time its message is seen. */
  record(e: unknown): { message: string; site: FlowErrorSite; first: boolean } {
    let message = messageOf(e);
    let seen = this.byMessage.get(message);
    if (seen === undefined && this.byMessage.size >= MAX_FLOW_ERROR_MESSAGES) {
      message = OTHER_FLOW_ERRORS;
      seen = this.byMessage.get(message);
      seen ??= { count: 0, site: { tag: 'other' } };
      this.byMessage.set(message, seen);
    }
    const first = seen === undefined;
    if (seen === undefined) {
      const location = flowErrorLocation(stackOf(e), this.scenarioFile);
      const name = nameOf(e);
      seen = {
        count: 0,
        site: location === undefined ? { tag: name } : { tag: `${name}@${location}`, location },
      };
      this.byMessage.set(message, seen);
    }
    seen.count++;
    return { message, site: seen.site, first };
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.byMessage].map(([m, { count }]) => [m, count]));
  }

  sites(): Record<string, FlowErrorSite> {
    return Object.fromEntries([...this.byMessage].map(([m, { site }]) => [m, site]));
  }
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

function nameOf(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

function stackOf(e: unknown): string {
  return e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
}

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):\d+\)?$/;

/**
 * The flow's `file:line` in a stack: the first frame in the scenario file, else the first frame
 * of the user's own code (not Node's, not node_modules, not loadrig's), relative to the
 * scenario file's folder. Undefined when the stack shows neither.
 */
export function flowErrorLocation(
  stack: string,
  scenarioFile: string | undefined,
  loadrigRoot: string = packageRoot(),
): string | undefined {
  const scenarioDir = scenarioFile === undefined ? undefined : dirname(scenarioFile);
  const frames: { file: string; line: string }[] = [];
  for (const text of stack.split('\n')) {
    const m = FRAME.exec(text);
    if (!m) continue;
    let file = m[1] as string;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!isAbsolute(file)) continue; // node:internal, <anonymous>, native
    frames.push({ file, line: m[2] as string });
  }
  const inside = (file: string, dir: string): boolean => file.startsWith(dir + sep);
  const own = (file: string): boolean =>
    inside(file, loadrigRoot) && (scenarioDir === undefined || !inside(file, scenarioDir));
  const frame =
    frames.find((f) => f.file === scenarioFile) ??
    frames.find((f) => !f.file.split(sep).includes('node_modules') && !own(f.file));
  if (frame === undefined) return undefined;
  const path = scenarioDir === undefined ? frame.file : relative(scenarioDir, frame.file);
  return `${path.split(sep).join('/')}:${frame.line}`;
}
