import { afterAll, afterEach, beforeEach } from 'vitest';
import { tempHygiene } from './temp-hygiene.js';

// vitest setup file of every project: each test file runs in a private temp dir, and fails if
// its tests leave a `loadrig-*` entry there (see temp-hygiene.ts).
const hygiene = tempHygiene();

beforeEach(() => hygiene.beforeTest());
afterEach((ctx) => hygiene.afterTest(ctx.task.fullName));
afterAll(() => {
  const problem = hygiene.finish();
  if (problem !== undefined) throw new Error(problem);
});
