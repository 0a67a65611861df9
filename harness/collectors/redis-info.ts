/** `INFO` output (`key:value` lines, `# Section` headers) as numbers where they are numbers. */
export function parseRedisInfo(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const value = Number(line.slice(colon + 1));
    if (line.slice(colon + 1) !== '' && Number.isFinite(value))
      values[line.slice(0, colon)] = value;
  }
  return values;
}
