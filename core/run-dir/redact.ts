/**
 * Secrets are removed before anything is written: run.json, NDJSON tags, reports. Two rules:
 * a property whose NAME says it holds a secret has its string value replaced, and free text
 * (a command line, a URL, a log line) has the secret part of recognisable patterns replaced.
 */
export const REDACTED = '[REDACTED]';

/** Names of environment variables, headers or fields that hold secrets. */
const SECRET_NAME = /token|secret|passw(?:or)?d|key|authorization|cookie|credential/i;

const TEXT_RULES: [RegExp, string][] = [
  // `Authorization: Bearer abc`, `authorization=Basic abc`, `Proxy-Authorization: ...`
  [
    /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|digest|token)\s+)?[^\s"',;]+/gi,
    `$1$2${REDACTED}`,
  ],
  // `API_KEY=abc`, `DB_PASSWORD=abc`, `--auth-token=abc`, `"secret": "abc"` in a log line
  [
    /\b([\w.-]*(?:token|secret|passw(?:or)?d|key)[\w.-]*)(["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"',;&]+/gi,
    `$1$2${REDACTED}`,
  ],
  // `https://user:pass@host`
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${REDACTED}@`],
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Free text with the secret part of every recognised pattern replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A deep copy with secrets replaced: string values under a secret name become REDACTED and
 * every other string goes through redactText. Numbers, booleans and structure are kept.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(value: unknown, name: string | undefined): unknown {
  if (typeof value === 'string') {
    return name !== undefined && isSecretName(name) ? REDACTED : redactText(value);
  }
  // Array elements are judged as text: a name like `http_req_duration{name:apikey}` labels a
  // list of threshold expressions, not a secret.
  if (Array.isArray(value)) return value.map((v) => walk(v, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
    return out;
  }
  return value;
}

/** Tags with secret-named or secret-looking values redacted (for NDJSON series). */
export function redactTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags)) out[k] = isSecretName(k) ? REDACTED : redactText(v);
  return out;
}
