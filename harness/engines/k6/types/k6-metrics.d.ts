/** The part of k6's `k6/metrics` module the shim uses (it exists only inside k6). */
declare module 'k6/metrics' {
  export class Trend {
    constructor(name: string, isTime?: boolean);
  }
  export class Counter {
    constructor(name: string);
  }
  export class Rate {
    constructor(name: string);
  }
  export class Gauge {
    constructor(name: string);
  }
}
