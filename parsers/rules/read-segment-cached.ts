import type { CompiledCatalog } from '../match/compile-catalog.js';
import { readSegment, type SegmentReading } from './read-segment.js';

/** Segments are read more than once (look-ahead, quoted-part checks); read each once per catalog. */
const readings = new WeakMap<CompiledCatalog, Map<string, SegmentReading>>();
export function readSegmentCached(
  catalog: CompiledCatalog,
  text: string,
  lineStart: boolean,
): SegmentReading {
  let cache = readings.get(catalog);
  if (!cache) readings.set(catalog, (cache = new Map()));
  const key = (lineStart ? '1' : '0') + text;
  let reading = cache.get(key);
  if (!reading) {
    reading = readSegment(catalog, text, lineStart);
    if (cache.size > 2_000) cache.clear();
    cache.set(key, reading);
  }
  return { ...reading };
}
