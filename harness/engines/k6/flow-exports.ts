/**
 * k6 runs a scenario's `exec` by looking the name up among the script's exports, and refuses to
 * start when it is missing ("function 'x' not found in exports"). Each named flow is exported as
 * a function whose name is a JavaScript identifier that cannot clash with k6's own exports.
 */
const RESERVED = new Set(['default', 'options', 'setup', 'teardown', 'handleSummary']);

/** Flow name → export name (`flow_buy`), one distinct identifier per flow. */
export function flowExportNames(flows: readonly string[]): Map<string, string> {
  const taken = new Set<string>(RESERVED);
  const out = new Map<string, string>();
  for (const flow of flows) {
    const stem = `flow_${flow.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let name = stem;
    for (let i = 2; taken.has(name); i++) name = `${stem}_${i}`;
    taken.add(name);
    out.set(flow, name);
  }
  return out;
}
