/**
 * k6's execution segments for N equal parts: segment i runs `i/N:(i+1)/N` of every executor,
 * within the sequence `0,1/N,...,1`, so N processes together run the whole schedule once.
 */
export interface ExecutionSegment {
  segment: string;
  sequence: string;
}

const fraction = (i: number, n: number): string => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`);

export function executionSegments(n: number): ExecutionSegment[] {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`segments must be a positive integer, got ${n}`);
  const sequence = Array.from({ length: n + 1 }, (_, i) => fraction(i, n)).join(',');
  return Array.from({ length: n }, (_, i) => ({
    segment: `${fraction(i, n)}:${fraction(i + 1, n)}`,
    sequence,
  }));
}

/** k6 command-line arguments for one segment (none for a single process). */
export function segmentArgs(s: ExecutionSegment | undefined): string[] {
  return s ? ['--execution-segment', s.segment, '--execution-segment-sequence', s.sequence] : [];
}
