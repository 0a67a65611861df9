import {
  RECOVERY_SUSTAIN_SEC,
  RECOVERY_TOLERANCE,
  type SpikeRecovery,
} from '../analysis/spike-recovery.js';
import { formatMs, trimFixed } from './format.js';

/** A spike's recovery in words and figures, the same in the console, report and Markdown. */
export interface SpikeRecoveryText {
  recovered: boolean;
  headline: string;
  figures: { name: string; value: string }[];
}

export function spikeRecoveryText(r: SpikeRecovery): SpikeRecoveryText {
  const band = `${Math.round(RECOVERY_TOLERANCE * 100)} %`;
  const baseline = `its pre-spike baseline of ${formatMs(r.baselineP95Ms)}`;
  const headline =
    r.recoverySec === null
      ? `p95 was not back within ${band} of ${baseline} in the ${r.observedSec} s watched after the spike`
      : `p95 was back within ${band} of ${baseline} ${r.recoverySec} s after the load fell back (and stayed ${RECOVERY_SUSTAIN_SEC} s)`;
  return {
    recovered: r.recoverySec !== null,
    headline,
    figures: [
      {
        name: 'recovery',
        value: r.recoverySec === null ? `> ${r.observedSec} s` : `${r.recoverySec} s`,
      },
      { name: 'baseline p95', value: formatMs(r.baselineP95Ms) },
      { name: 'threshold', value: formatMs(r.thresholdMs) },
      { name: 'peak p95', value: formatMs(r.peakP95Ms) },
      {
        name: 'load',
        value: `${trimFixed(r.baselineLevel)} → ${trimFixed(r.peakLevel)} → ${trimFixed(r.baselineLevel)}`,
      },
    ],
  };
}
