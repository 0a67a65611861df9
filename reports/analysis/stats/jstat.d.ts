/**
 * The parts of jStat loadrig uses (the package ships no types). It is CommonJS: import the
 * default export (`import jStat from 'jstat'`); named imports fail at run time.
 */
declare module 'jstat' {
  interface ContinuousDistribution {
    pdf(x: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jStat: {
    normal: ContinuousDistribution;
    studentt: ContinuousDistribution;
    chisquare: ContinuousDistribution;
    centralF: ContinuousDistribution;
    beta: ContinuousDistribution;
    gammafn(x: number): number;
    gammaln(x: number): number;
    betafn(x: number, y: number): number;
    ibeta(x: number, a: number, b: number): number;
  };
  export default jStat;
}
