import { describe, expect, it } from 'vitest';
import { parseProcStat, parseVmRssBytes } from '../../../harness/collectors/proc-stat.js';

// Fields 3..52 of proc(5), with utime=1234 stime=56 cutime=7 cstime=8 threads=11.
const tail =
  'S 100 200 200 0 -1 4194560 1000 0 0 0 1234 56 7 8 20 0 11 0 5000 1000000 2000 ' +
  '18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads ticks, ppid, state and threads', () => {
    expect(parseProcStat(`4242 (node) ${tail}\n`)).toEqual({
      state: 'S',
      ppid: 100,
      utimeTicks: 1234,
      stimeTicks: 56,
      cutimeTicks: 7,
      cstimeTicks: 8,
      threads: 11,
    });
  });

  it('copes with spaces and parentheses in the command name', () => {
    expect(parseProcStat(`4242 (my (odd) name) ${tail}`)?.utimeTicks).toBe(1234);
  });

  it('returns undefined for text that is not a stat line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('4242 (node) S x')).toBeUndefined();
  });
});

describe('parseVmRssBytes', () => {
  it('converts VmRSS from kB to bytes', () => {
    expect(parseVmRssBytes('Name:\tnode\nVmRSS:\t   51200 kB\nThreads:\t11\n')).toBe(51200 * 1024);
  });

  it('is undefined without VmRSS (kernel threads, zombies)', () => {
    expect(parseVmRssBytes('Name:\tkthreadd\nThreads:\t1\n')).toBeUndefined();
  });
});
