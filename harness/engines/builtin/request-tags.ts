import type { Tags } from '../../../reports/model/run-data.js';

/**
 * Reuses one frozen tag object per (name, method, status, extra tags) so the sink can key
 * series by identity instead of building strings per request.
 */
export class RequestTagCache {
  private readonly cache = new Map<string, Tags>();

  get(name: string, method: string, status: number, extra?: Record<string, string>): Tags {
    const statusText = String(status);
    const extraKey = extra ? JSON.stringify(extra) : '';
    const key = `${name}\u0001${method}\u0001${statusText}\u0001${extraKey}`;
    let tags = this.cache.get(key);
    if (!tags) {
      tags = Object.freeze({ ...extra, name, method, status: statusText });
      this.cache.set(key, tags);
    }
    return tags;
  }
}
