/** Changes of running totals between two readings: a counter that went down was reset. */
export interface CounterChange {
  /** Per second, keyed like the totals; absent on the first reading or after a reset. */
  rates: Record<string, number>;
  deltas: Record<string, number>;
}

/** Turns running totals (commits, commands processed) into per-second rates and deltas. */
export class CounterRates {
  #last: { atMs: number; totals: Record<string, number> } | undefined;

  constructor(private readonly clockMs: () => number = () => performance.now()) {}

  next(totals: Record<string, number>): CounterChange {
    const atMs = this.clockMs();
    const before = this.#last;
    this.#last = { atMs, totals };
    const change: CounterChange = { rates: {}, deltas: {} };
    if (!before || atMs <= before.atMs) return change;
    const sec = (atMs - before.atMs) / 1000;
    for (const [key, total] of Object.entries(totals)) {
      const prev = before.totals[key];
      if (prev === undefined || total < prev) continue;
      change.deltas[key] = total - prev;
      change.rates[key] = (total - prev) / sec;
    }
    return change;
  }
}
