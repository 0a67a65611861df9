import type { Tags } from '../../core/run-dir/run-data.js';

const cache = new WeakMap<Tags, string>();

/** A stable key for a tag set, independent of property order; cached per object. */
export function tagsKey(tags: Tags): string {
  let key = cache.get(tags);
  if (key === undefined) {
    key = Object.keys(tags)
      .sort()
      .map((k) => `${k}=${tags[k]}`)
      .join('\u0001');
    cache.set(tags, key);
  }
  return key;
}
