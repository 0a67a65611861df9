import { redactTags } from '../../core/run-dir/redact.js';
import type { Tags } from '../../core/run-dir/run-data.js';

/** Distinct tag sets remembered by content; past this, a set is redacted on each write. */
const MAX_REMEMBERED = 10_000;

/**
 * Tag values are user strings (a request name may carry a query token), so they are redacted
 * before they are written. The same tag sets come back every second: each distinct set is
 * redacted once, and found again by identity (the aggregator keeps one tags object per series)
 * or, for a copy, by its content. Bounded, so paths with ids in them cannot grow it forever.
 */
export class TagRedactor {
  private readonly byObject = new WeakMap<Tags, Tags>();
  private readonly byContent = new Map<string, Tags>();

  constructor(private readonly redactSet: (tags: Tags) => Tags = redactTags) {}

  readonly redact = (tags: Tags): Tags => {
    let out = this.byObject.get(tags);
    if (out !== undefined) return out;
    // Key order is kept: the written line lists tags in the order they were recorded.
    const key = JSON.stringify(tags);
    out = this.byContent.get(key);
    if (out === undefined) {
      out = this.redactSet(tags);
      if (this.byContent.size < MAX_REMEMBERED) this.byContent.set(key, out);
    }
    this.byObject.set(tags, out);
    return out;
  };
}
