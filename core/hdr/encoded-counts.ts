import { inflateRawSync } from 'node:zlib';
import { HistogramDecodeError } from '../errors.js';

/**
 * The bucket counts of an encoded histogram (HdrHistogram V2, compressed, base64), read
 * straight from the payload: a second's histogram has a few dozen non-empty buckets, and
 * building a histogram for it allocates a counts array for its whole value range.
 */
const COMPRESSED_COOKIE_BASE = 0x1c849304;
const COOKIE_BASE = 0x1c849303;
const HEADER_BYTES = 40;

/** Where bucket indexes sit on the value axis, from the encoded header. */
export interface BucketLayout {
  subBucketHalfCount: number;
  unitMagnitude: number;
}
const layouts = new Map<string, BucketLayout>();
/** The last layout asked for: a run's histograms all share one, and a key string per call adds up. */
let last: { digits: number; lowest: number; layout: BucketLayout } | undefined;

function layoutOf(significantDigits: number, lowestDiscernible: number): BucketLayout {
  if (last && last.digits === significantDigits && last.lowest === lowestDiscernible) {
    return last.layout;
  }
  const key = `${significantDigits}/${lowestDiscernible}`;
  let layout = layouts.get(key);
  if (!layout) {
    const largestSingleUnit = 2 * Math.floor(10 ** significantDigits);
    const subBucketCountMagnitude = Math.ceil(Math.log2(largestSingleUnit));
    const halfMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    layout = {
      subBucketHalfCount: 2 ** halfMagnitude,
      unitMagnitude: Math.floor(Math.log2(lowestDiscernible)),
    };
    layouts.set(key, layout);
  }
  last = { digits: significantDigits, lowest: lowestDiscernible, layout };
  return layout;
}

/** The lowest value of bucket `index`: where its count is recorded. */
export function valueFromIndex(index: number, layout: BucketLayout): number {
  const { subBucketHalfCount, unitMagnitude } = layout;
  let bucketIndex = Math.floor(index / subBucketHalfCount) - 1;
  let subBucketIndex = (index % subBucketHalfCount) + subBucketHalfCount;
  if (bucketIndex < 0) {
    subBucketIndex -= subBucketHalfCount;
    bucketIndex = 0;
  }
  return subBucketIndex * 2 ** (bucketIndex + unitMagnitude);
}

/**
 * Calls `visit` with each non-empty bucket's index and count, in index order, and returns the
 * buckets' layout; returns undefined, having visited nothing, for an encoding this reader does
 * not know (decode it with the library instead). A histogram that is damaged (cut short, a byte
 * changed: its checksum, lengths and bucket walk disagree) is a HistogramDecodeError.
 */
export function readEncodedCounts(
  encoded: string,
  visit: (index: number, count: number, layout: BucketLayout) => void,
): BucketLayout | undefined {
  const packed = Buffer.from(encoded, 'base64');
  if (packed.length < 8) throw new HistogramDecodeError(`${packed.length} bytes, no header`);
  if ((packed.readInt32BE(0) & ~0xf0) !== COMPRESSED_COOKIE_BASE) return undefined;
  const zlibBytes = packed.readInt32BE(4);
  if (zlibBytes < 6 || 8 + zlibBytes > packed.length) {
    throw new HistogramDecodeError(
      `its header says ${zlibBytes} bytes follow, ${packed.length - 8} do`,
    );
  }
  const zlibStream = packed.subarray(8, 8 + zlibBytes);
  // A zlib stream is a 2-byte header, raw DEFLATE, a 4-byte checksum. Inflating the raw part
  // with a small output chunk costs a third of inflateSync's default (which allocates 16 kB
  // per call for a payload of a few hundred bytes); the checksum is then checked here.
  if ((zlibStream[0]! & 0x0f) !== 8 || (zlibStream[1]! & 0x20) !== 0) return undefined;
  let raw: Buffer;
  try {
    raw = inflateRawSync(zlibStream.subarray(2, zlibStream.length - 4), { chunkSize: 1024 });
  } catch (e) {
    throw new HistogramDecodeError('its compressed bytes do not inflate', { cause: e });
  }
  if (adler32(raw) !== zlibStream.readUInt32BE(zlibStream.length - 4)) {
    throw new HistogramDecodeError('its checksum does not match its bytes');
  }
  if (raw.length < HEADER_BYTES || (raw.readInt32BE(0) & ~0xf0) !== COOKIE_BASE) return undefined;
  const payloadBytes = raw.readInt32BE(4);
  const digits = raw.readInt32BE(12);
  const lowest = Number(raw.readBigInt64BE(16));
  if (payloadBytes < 0 || HEADER_BYTES + payloadBytes > raw.length) {
    throw new HistogramDecodeError(`its payload length ${payloadBytes} runs past its end`);
  }
  if (!(digits >= 0 && digits <= 5) || !(lowest >= 1 && lowest <= 2 ** 53)) {
    throw new HistogramDecodeError(`its layout (${digits} digits, lowest ${lowest}) is impossible`);
  }
  const layout = layoutOf(digits, lowest);
  // Past this index a bucket's value would overflow 64 bits: no encoder writes one.
  const maxIndex = (64 - layout.unitMagnitude) * layout.subBucketHalfCount;
  const end = HEADER_BYTES + payloadBytes;
  let pos = HEADER_BYTES;
  let index = 0;
  while (pos < end) {
    // ZigZag LEB128 (up to 9 bytes): a positive value is a count, a negative one a run of zeros.
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 9; i++) {
      if (pos >= end) throw new HistogramDecodeError('a count runs past the payload');
      const byte = raw[pos++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) break;
    }
    const count = value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    if (count < 0) {
      index -= count;
    } else {
      if (count > 0) {
        if (index >= maxIndex || !Number.isSafeInteger(count)) {
          throw new HistogramDecodeError(`bucket ${index} holds ${count}, beyond any histogram`);
        }
        visit(index, count, layout);
      }
      index++;
    }
  }
  return layout;
}

/** zlib's Adler-32 of `b`. */
function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (let i = 0; i < b.length;) {
    // Sums stay exact as doubles well past this block before the modulo.
    const blockEnd = Math.min(i + 65_536, b.length);
    for (; i < blockEnd; i++) {
      a += b[i]!;
      s += a;
    }
    a %= 65_521;
    s %= 65_521;
  }
  return s * 65_536 + a;
}
