/**
 * What loadrig's feeders are inside a script bundled for k6. They read files through Node.js,
 * which k6 lacks, so the export refuses a scenario that uses one (it finds this module in the
 * bundle); should a script get through anyway, it fails at init with the same explanation.
 */
export const FEEDERS_ON_K6 =
  "loadrig's feeders (csvFeeder, jsonFeeder, Feeder) read files through Node.js and do not run on k6 yet";

const refuse = (): never => {
  throw new Error(`${FEEDERS_ON_K6}; on k6 load test data with open() and SharedArray`);
};

export const csvFeeder = (): never => refuse();
export const jsonFeeder = (): never => refuse();
export class Feeder {
  constructor() {
    refuse();
  }
}
