import { createHash } from 'node:crypto';

/**
 * JSON that keeps what JSON.stringify blurs: -0, NaN and ±Infinity are written as strings, so
 * two outputs equal here are equal number for number, bit for bit.
 */
export function exactJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== 'number') return v;
      if (Object.is(v, -0)) return '-0';
      return Number.isFinite(v) ? v : String(v);
    },
    space,
  );
}

/** A digest of a value's exact JSON: two analyses with the same digest are the same, bit for bit. */
export function exactDigest(value: unknown): string {
  return createHash('sha256').update(exactJson(value)).digest('hex');
}
