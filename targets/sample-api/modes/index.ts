import type { SampleApiMode } from '../config.js';
import { block } from './block.js';
import { cpu } from './cpu.js';
import { gc } from './gc.js';
import { healthy } from './healthy.js';
import { leak } from './leak.js';
import { periodicBlock } from './periodic-block.js';
import type { ModeBehaviour, ModeSettings } from './mode.js';
import { pool } from './pool.js';

/** Every mode the sample API knows, by the name SAMPLE_API_MODE selects. */
export const modes = {
  healthy,
  leak,
  gc,
  block,
  cpu,
  pool,
  'periodic-block': periodicBlock,
} satisfies Record<SampleApiMode, (settings: ModeSettings) => ModeBehaviour>;

export type { ModeBehaviour, ModeSettings } from './mode.js';
