import type { ModeBehaviour } from './mode.js';

/** No extra work: the route answers at once. */
export const healthy = (): ModeBehaviour => (next) => next();
