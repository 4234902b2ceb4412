/**
 * Readings of mentions, remembered per catalog (dealers name the same products again and again).
 * Keyed by a number hashed from everything a reading depends on: a string key per mention, hashed
 * again by the map, cost more than many readings. A hit is checked against the stored query, so
 * two mentions that happen to hash alike only cost a reading.
 */
import type { ProductMatch, ProductQuery } from './match-product.js';

interface Remembered {
  query: ProductQuery;
  match: ProductMatch;
}

export class MentionMemo {
  private readonly entries = new Map<number, Remembered>();

  constructor(private readonly capacity: number) {}

  get(hash: number, query: ProductQuery): ProductMatch | undefined {
    const found = this.entries.get(hash);
    return found && sameQuery(found.query, query) ? found.match : undefined;
  }

  set(hash: number, query: ProductQuery, match: ProductMatch): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(hash, { query, match });
  }
}

/** FNV-1a over the words (and where they stand), sizes, numbers, quantity flag and size word. */
export function queryHash(q: ProductQuery): number {
  let h = 0x811c9dc5;
  for (const w of q.words) h = mix(mix(mixText(h, w.norm), w.start), w.raw.length);
  h = mix(h, -1);
  for (const a of q.attributes) h = mixNumber(mixText(h, a.kind), a.value);
  h = mix(h, -2);
  for (const n of q.bareNumbers) h = mixNumber(h, n);
  h = mix(h, -3);
  for (const n of q.variantNumbers ?? []) h = mixNumber(h, n);
  h = mixText(mix(h, q.hasOtherQuantity ? 1 : 0), q.sizeWord ?? '');
  return h >>> 0;
}

function mix(h: number, n: number): number {
  return Math.imul(h ^ n, 0x01000193);
}

function mixText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

/** Equal numbers (and -0 and 0, NaN and NaN) mix alike; sizes are rounded to 3 decimals. */
function mixNumber(h: number, n: number): number {
  return mix(h, Math.round(n * 1000) | 0);
}

/** The same mention: what the old string key held, compared field by field. */
function sameQuery(a: ProductQuery, b: ProductQuery): boolean {
  return (
    a.hasOtherQuantity === b.hasOtherQuantity &&
    (a.sizeWord ?? '') === (b.sizeWord ?? '') &&
    sameList(
      a.words,
      b.words,
      (x, y) => x.norm === y.norm && x.start === y.start && x.raw.length === y.raw.length,
    ) &&
    sameList(
      a.attributes,
      b.attributes,
      (x, y) => x.kind === y.kind && sameNumber(x.value, y.value),
    ) &&
    sameList(a.bareNumbers, b.bareNumbers, sameNumber) &&
    sameList(a.variantNumbers ?? [], b.variantNumbers ?? [], sameNumber)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/** Numbers as their written forms compare: -0 is 0, NaN is NaN. */
function sameNumber(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
