import { inflateRawSync } from 'node:zlib';
import { decodeHistogram, type Histogram } from './histogram.js';

/**
 * Adds an encoded histogram (HdrHistogram V2, compressed, base64) into `into` without building
 * a histogram for it: the counts are read straight from the payload and recorded at their
 * bucket's value. Exact (the same counts land in the same buckets as `into.add(decoded)`),
 * and about 4× faster: decoding allocates a counts array sized for the whole value range, and
 * `add` walks all of it, while a second's histogram has a few dozen non-empty buckets. A day
 * of one-second buckets is 86,400 of them per endpoint.
 */
const COMPRESSED_COOKIE_BASE = 0x1c849304;
const COOKIE_BASE = 0x1c849303;
const HEADER_BYTES = 40;

interface Layout {
  subBucketHalfCount: number;
  unitMagnitude: number;
}
const layouts = new Map<string, Layout>();

function layoutOf(significantDigits: number, lowestDiscernible: number): Layout {
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
  return layout;
}

function valueFromIndex(index: number, { subBucketHalfCount, unitMagnitude }: Layout): number {
  let bucketIndex = Math.floor(index / subBucketHalfCount) - 1;
  let subBucketIndex = (index % subBucketHalfCount) + subBucketHalfCount;
  if (bucketIndex < 0) {
    subBucketIndex -= subBucketHalfCount;
    bucketIndex = 0;
  }
  return subBucketIndex * 2 ** (bucketIndex + unitMagnitude);
}

export function addEncoded(into: Histogram, encoded: string): void {
  const packed = Buffer.from(encoded, 'base64');
  if ((packed.readInt32BE(0) & ~0xf0) !== COMPRESSED_COOKIE_BASE) {
    into.add(decodeHistogram(encoded)); // an encoding this reader does not know: the slow path
    return;
  }
  const zlibStream = packed.subarray(8, 8 + packed.readInt32BE(4));
  // A zlib stream is a 2-byte header, raw DEFLATE, a 4-byte checksum. Inflating the raw part
  // with a small output chunk costs a third of inflateSync's default (which allocates 16 kB
  // per call for a payload of a few hundred bytes).
  if ((zlibStream[0]! & 0x0f) !== 8 || (zlibStream[1]! & 0x20) !== 0) {
    into.add(decodeHistogram(encoded));
    return;
  }
  const raw = inflateRawSync(zlibStream.subarray(2, zlibStream.length - 4), { chunkSize: 1024 });
  if ((raw.readInt32BE(0) & ~0xf0) !== COOKIE_BASE) {
    into.add(decodeHistogram(encoded));
    return;
  }
  const payloadBytes = raw.readInt32BE(4);
  const layout = layoutOf(raw.readInt32BE(12), Number(raw.readBigInt64BE(16)));
  const end = HEADER_BYTES + payloadBytes;
  let pos = HEADER_BYTES;
  let index = 0;
  while (pos < end) {
    // ZigZag LEB128 (up to 9 bytes): a positive value is a count, a negative one a run of zeros.
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 9; i++) {
      const byte = raw[pos++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) break;
    }
    const count = value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    if (count < 0) {
      index -= count;
    } else {
      if (count > 0) into.recordValueWithCount(valueFromIndex(index, layout), count);
      index++;
    }
  }
}
