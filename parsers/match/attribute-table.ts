/**
 * Every SKU's attributes in flat typed arrays, and bitsets over SKUs built from them. The matcher
 * asks "does this SKU state a weight, and is it 70 g?" of hundreds of candidates per mention: bit
 * tests in a few kilobytes answer that without hashing or chasing objects around the heap.
 */
import type { Attribute, AttributeKind } from '../units/attributes.js';

export interface AttributeTable {
  skuCount: number;
  /** Attribute kind → its bit in `kind`. */
  kindBits: Map<AttributeKind, number>;
  /** SKU i's attributes are entries start[i] .. start[i + 1] - 1 of `kind`, `value`, `display`. */
  start: Uint32Array;
  kind: Uint32Array;
  value: Float64Array;
  display: Float64Array;
  /** Kind bit → the SKUs stating that kind. */
  withKind: Map<number, Uint32Array>;
  /** Kind bit → value → the SKUs stating that kind with another value; filled on first use. */
  otherValue: Map<number, Map<number, Uint32Array>>;
  /** How many bitsets `otherValue` holds. */
  otherValueSets: number;
  /** Kind bit → every value some SKU states for it; filled on first use. */
  valuesOfKind: Map<number, Set<number>>;
}

/** A stated attribute resolved against the table (no SKU stating its kind: empty sets). */
export interface StatedAttribute {
  /** SKUs that state the kind. */
  withKind: Uint32Array | null;
  /** SKUs that state the kind with another value. */
  otherValue: Uint32Array | null;
}

export function buildAttributeTable(attributesBySku: readonly Attribute[][]): AttributeTable {
  const kindBits = new Map<AttributeKind, number>();
  let entries = 0;
  for (const attributes of attributesBySku) {
    entries += attributes.length;
    for (const a of attributes) {
      if (kindBits.has(a.kind)) continue;
      // A closed list of a dozen kinds: one bit each fits in 32.
      if (kindBits.size === 32) throw new Error('more than 32 attribute kinds');
      kindBits.set(a.kind, 1 << kindBits.size);
    }
  }
  const skuCount = attributesBySku.length;
  const start = new Uint32Array(skuCount + 1);
  const kind = new Uint32Array(entries);
  const value = new Float64Array(entries);
  const display = new Float64Array(entries);
  const withKind = new Map<number, Uint32Array>();
  for (const bit of kindBits.values()) withKind.set(bit, emptyBitset(skuCount));
  let at = 0;
  attributesBySku.forEach((attributes, sku) => {
    start[sku] = at;
    for (const a of attributes) {
      const bit = kindBits.get(a.kind)!;
      setBit(withKind.get(bit)!, sku);
      kind[at] = bit;
      value[at] = a.value;
      display[at] = a.display;
      at++;
    }
  });
  start[skuCount] = at;
  return {
    skuCount,
    kindBits,
    start,
    kind,
    value,
    display,
    withKind,
    otherValue: new Map(),
    otherValueSets: 0,
    valuesOfKind: new Map(),
  };
}

export function statedAttributes(table: AttributeTable, stated: Attribute[]): StatedAttribute[] {
  return stated.map((a) => {
    const bit = table.kindBits.get(a.kind);
    if (bit === undefined) return { withKind: null, otherValue: null };
    return { withKind: table.withKind.get(bit)!, otherValue: otherValueSet(table, bit, a.value) };
  });
}

/**
 * Sizes stated in messages are few in practice; past this many bitsets (one bit per SKU each, for
 * all kinds together), start over.
 */
const MAX_OTHER_VALUE_SETS = 128;

function otherValueSet(table: AttributeTable, bit: number, value: number): Uint32Array {
  let byValue = table.otherValue.get(bit);
  if (!byValue) table.otherValue.set(bit, (byValue = new Map()));
  // Map keys compare numbers as SameValueZero: -0 is 0 and NaN is NaN, as the values compare.
  let bits = byValue.get(value);
  if (!bits) {
    bits = emptyBitset(table.skuCount);
    // Only the SKUs stating the kind: walk the set bits of its bitset.
    const ofKind = table.withKind.get(bit)!;
    for (let w = 0; w < ofKind.length; w++) {
      for (let word = ofKind[w]!; word !== 0; word &= word - 1) {
        const sku = (w << 5) | (31 - Math.clz32(word & -word));
        if (!statesValue(table, sku, bit, value)) setBit(bits, sku);
      }
    }
    if (table.otherValueSets >= MAX_OTHER_VALUE_SETS) {
      for (const sets of table.otherValue.values()) sets.clear();
      table.otherValueSets = 0;
    }
    byValue.set(value, bits);
    table.otherValueSets++;
  }
  return bits;
}

function statesValue(table: AttributeTable, sku: number, bit: number, value: number): boolean {
  const end = table.start[sku + 1]!;
  for (let e = table.start[sku]!; e < end; e++)
    if (table.kind[e] === bit && sameAttributeValue(table.value[e]!, value)) return true;
  return false;
}

/** Does some SKU state this kind with this value ("1.5 sq mm")? */
export function statedAnywhere(table: AttributeTable, kind: AttributeKind, value: number): boolean {
  const bit = table.kindBits.get(kind);
  if (bit === undefined) return false;
  let values = table.valuesOfKind.get(bit);
  if (!values) {
    values = new Set();
    for (let e = 0; e < table.kind.length; e++)
      if (table.kind[e] === bit) values.add(table.value[e]!);
    table.valuesOfKind.set(bit, values);
  }
  return values.has(value);
}

/** The SKU states the kind with another value: "70 g" said, the SKU is 140 g. */
function contradicts(want: StatedAttribute, sku: number): boolean {
  return want.otherValue !== null && hasBit(want.otherValue, sku);
}

/** The SKU states the kind with this value. */
export function agrees(want: StatedAttribute, sku: number): boolean {
  return want.withKind !== null && hasBit(want.withKind, sku) && !contradicts(want, sku);
}

/**
 * The SKUs some stated attribute contradicts, as one bitset: null when none can be, the one
 * want's own set when a single size was stated, else the union written into `scratch`.
 */
export function contradictedBy(
  wants: readonly StatedAttribute[],
  scratch: Uint32Array,
): Uint32Array | null {
  let only: Uint32Array | null = null;
  let count = 0;
  for (const want of wants) {
    if (!want.otherValue) continue;
    only = want.otherValue;
    count++;
  }
  if (count <= 1) return only;
  scratch.fill(0);
  for (const want of wants) {
    const set = want.otherValue;
    if (set) for (let i = 0; i < set.length; i++) scratch[i]! |= set[i]!;
  }
  return scratch;
}

/** Does the SKU carry an attribute written as this number ("70" of "70 g")? */
export function hasDisplay(table: AttributeTable, sku: number, n: number): boolean {
  const end = table.start[sku + 1]!;
  for (let e = table.start[sku]!; e < end; e++) if (sameNumber(table.display[e]!, n)) return true;
  return false;
}

/** Are all the SKU's attributes written as this number plain numbers ("Active 2 in 1")? */
export function displayOnlyAsPlainNumber(table: AttributeTable, sku: number, n: number): boolean {
  const plain = table.kindBits.get('number');
  const end = table.start[sku + 1]!;
  for (let e = table.start[sku]!; e < end; e++)
    if (sameNumber(table.display[e]!, n) && table.kind[e] !== plain) return false;
  return true;
}

/** A number as written against a size as written: equal up to float noise. */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a));
}

/** Values are rounded to 3 decimals when read, so they compare exactly (NaN as itself). */
function sameAttributeValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

function emptyBitset(size: number): Uint32Array {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5]! |= 1 << (index & 31);
}

export function hasBit(bits: Uint32Array, index: number): boolean {
  return (bits[index >>> 5]! & (1 << (index & 31))) !== 0;
}
