import type { CompiledCatalog } from '../match/compile-catalog.js';
import { readSegment, type SegmentReading } from './read-segment.js';

interface Readings {
  atLineStart: Map<string, SegmentReading>;
  inLine: Map<string, SegmentReading>;
}

/**
 * Segments are read more than once (look-ahead, quoted-part checks); read each once per catalog.
 * The reading returned is shared: callers change a copy, never the reading itself.
 */
const readings = new WeakMap<CompiledCatalog, Readings>();
export function readSegmentCached(
  catalog: CompiledCatalog,
  text: string,
  lineStart: boolean,
): SegmentReading {
  let cached = readings.get(catalog);
  if (!cached) readings.set(catalog, (cached = { atLineStart: new Map(), inLine: new Map() }));
  const cache = lineStart ? cached.atLineStart : cached.inLine;
  let reading = cache.get(text);
  if (!reading) {
    reading = readSegment(catalog, text, lineStart);
    if (cache.size > 1_000) cache.clear();
    cache.set(text, reading);
  }
  return reading;
}
