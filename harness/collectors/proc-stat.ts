/** What the process collector needs from /proc/<pid>/stat, in clock ticks where timed. */
export interface ProcStat {
  state: string;
  ppid: number;
  /** Own user and system time... */
  utimeTicks: number;
  stimeTicks: number;
  /** ...and that of its children it has waited for, so times survive a child being reaped. */
  cutimeTicks: number;
  cstimeTicks: number;
  threads: number;
}

/** Parses /proc/<pid>/stat (proc(5)); undefined when malformed. */
export function parseProcStat(text: string): ProcStat | undefined {
  // The command name sits in parentheses and may contain spaces and parentheses itself.
  const close = text.lastIndexOf(')');
  if (close === -1) return undefined;
  // fields[0] is field 3 (state) in proc(5)'s numbering, so field n is fields[n - 3].
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (n: number): number => Number(fields[n - 3]);
  const stat = {
    state: fields[0] ?? '',
    ppid: field(4),
    utimeTicks: field(14),
    stimeTicks: field(15),
    cutimeTicks: field(16),
    cstimeTicks: field(17),
    threads: field(20),
  };
  return Object.values(stat).every((v) => typeof v === 'string' || Number.isFinite(v))
    ? stat
    : undefined;
}

/** VmRSS from /proc/<pid>/status, in bytes; undefined when absent (kernel threads, zombies). */
export function parseVmRssBytes(statusText: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : undefined;
}
