/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Edits allowed before a name stops looking like a typo of another: about one in three letters. */
function maxEdits(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/** Shorter names than this are not suggested for a longer input that merely starts with them. */
const MIN_PREFIX = 4;

/**
 * The valid name a user most likely meant, or undefined when none is close. In order: the same
 * name in another case (`preAllocatedVus` → `preAllocatedVUs`), the nearest by edit distance
 * within about a third of the letters (`gracefullStop` → `gracefulStop`), then the longest valid
 * name the input starts with (`healthPath` → `health`), then the one valid name that starts
 * with the input (`latency.p99` → `latency.p99-tail`).
 */
export function closestName(input: string, valid: Iterable<string>): string | undefined {
  const names = [...valid].filter((name) => name !== input);
  const lower = input.toLowerCase();
  const sameLetters = names.find((name) => name.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | undefined;
  let bestDistance = maxEdits(input.length) + 1;
  for (const name of names) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance && distance < Math.max(input.length, name.length)) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  const prefixes = names.filter(
    (name) => name.length >= MIN_PREFIX && lower.startsWith(name.toLowerCase()),
  );
  if (prefixes.length > 0) return prefixes.sort((a, b) => b.length - a.length)[0];
  const longer = names.filter((name) => name.toLowerCase().startsWith(lower));
  return lower.length >= MIN_PREFIX && longer.length === 1 ? longer[0] : undefined;
}

/** `; did you mean X?` when a valid name is close, else the list of valid names. */
export function suggestion(input: string, valid: readonly string[], noun = 'valid'): string {
  const near = closestName(input, valid);
  if (near !== undefined) return `did you mean ${near}?`;
  return valid.length > 0 ? `${noun}: ${valid.join(', ')}` : `nothing is ${noun} here`;
}
