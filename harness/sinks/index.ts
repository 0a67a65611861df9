import { UsageError } from '../../core/errors.js';
import { influxdbSink } from './influxdb/influxdb-sink.js';
import type { SinkFactory } from './run-sink.js';

/** The outputs `--out name=target` accepts, by name (k6's names where k6 has the output). */
export const sinks = { influxdb: influxdbSink } satisfies Record<string, SinkFactory>;

export type SinkName = keyof typeof sinks;

export interface OutputSpec {
  name: SinkName;
  target: string;
}

/** `influxdb=http://127.0.0.1:8086/loadrig` → { name, target }; an unknown name lists the valid ones. */
export function parseOutputSpec(text: string): OutputSpec {
  const at = text.indexOf('=');
  const name = (at < 0 ? text : text.slice(0, at)).trim();
  const target = at < 0 ? '' : text.slice(at + 1).trim();
  const valid = Object.keys(sinks);
  if (!Object.hasOwn(sinks, name)) {
    throw new UsageError(
      `--out ${text}: unknown output "${name}"`,
      `outputs: ${valid.map((n) => `${n}=<target>`).join(', ')}, e.g. --out influxdb=http://127.0.0.1:8086/loadrig`,
    );
  }
  if (target === '') {
    throw new UsageError(
      `--out ${text}: no target after "${name}="`,
      'e.g. --out influxdb=http://127.0.0.1:8086/loadrig',
    );
  }
  return { name: name as SinkName, target };
}
