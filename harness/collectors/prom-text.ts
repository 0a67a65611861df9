/**
 * The Prometheus text exposition format (version 0.0.4, and what OpenMetrics text shares with
 * it), read line by line: `# TYPE` lines give each family's type, sample lines give a name,
 * labels (unescaped) and a value. A line that breaks the grammar is skipped and counted, so one
 * bad line of an exporter costs that line, not the whole scrape.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromText {
  samples: PromSample[];
  /** Family name to its declared type, lower case (`counter`, `histogram`, ...). */
  types: Map<string, string>;
  skippedLines: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPE_LINE = /^#\s+TYPE\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s+([a-z]+)\s*$/;
/** Go's ParseFloat as exporters write values: decimals, exponents, ±Inf, NaN. */
const VALUE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Inf$|^NaN$/;

export function parsePromText(text: string): PromText {
  const samples: PromSample[] = [];
  const types = new Map<string, string>();
  let skippedLines = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = TYPE_LINE.exec(line);
      if (type) types.set(type[1] as string, type[2] as string);
      continue; // HELP and other comments say nothing about values
    }
    const sample = sampleLine(line);
    if (sample === undefined) skippedLines++;
    else samples.push(sample);
  }
  return { samples, types, skippedLines };
}

/** `name{label="value",...} value [timestamp]`, or undefined when the line breaks the grammar. */
function sampleLine(line: string): PromSample | undefined {
  let rest = line.trimStart();
  const name = NAME.exec(rest)?.[0];
  if (name === undefined) return undefined;
  rest = rest.slice(name.length).trimStart();
  // Labels of a JSON document or an exporter may be called anything, `__proto__` too.
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  if (rest.startsWith('{')) {
    rest = rest.slice(1).trimStart();
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (label === undefined) return undefined;
      rest = rest.slice(label.length).trimStart();
      if (!rest.startsWith('=')) return undefined;
      rest = rest.slice(1).trimStart();
      const quoted = labelValue(rest);
      if (quoted === undefined) return undefined;
      labels[label] = quoted.value;
      rest = rest.slice(quoted.length).trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
      else if (!rest.startsWith('}')) return undefined;
    }
    rest = rest.slice(1);
  }
  const fields = rest.trim().split(/[ \t]+/);
  const text = fields[0] ?? '';
  if (fields.length > 2 || !VALUE.test(text)) return undefined;
  if (fields.length === 2 && !/^-?\d+(?:\.\d+)?$/.test(fields[1] as string)) return undefined;
  const value = text.endsWith('Inf') ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text);
  return { name, labels: { ...labels }, value };
}

/** A double-quoted label value with `\\`, `\"` and `\n` escapes: its text and length. */
function labelValue(s: string): { value: string; length: number } | undefined {
  if (!s.startsWith('"')) return undefined;
  let value = '';
  for (let i = 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '"') return { value, length: i + 1 };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = s[++i];
    if (next === 'n') value += '\n';
    else if (next === '\\' || next === '"') value += next;
    else if (next === undefined) return undefined;
    else value += `\\${next}`; // an unknown escape is kept as written, as Prometheus does
  }
  return undefined;
}
