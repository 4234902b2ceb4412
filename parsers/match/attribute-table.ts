/**
 * Every SKU's attributes in flat typed arrays. The matcher asks "does this SKU state a weight,
 * and is it 70 g?" of hundreds of candidates per mention; plain array reads answer that without
 * hashing or chasing objects around the heap.
 */
import type { Attribute, AttributeKind } from '../units/attributes.js';

export interface AttributeTable {
  /** Attribute kind → its bit in `kindMask` and `kind`. */
  kindBits: Map<AttributeKind, number>;
  /** Per SKU: the bits of the kinds it states. */
  kindMask: Uint32Array;
  /** SKU i's attributes are entries start[i] .. start[i + 1] - 1 of `kind` and `value`. */
  start: Uint32Array;
  kind: Uint32Array;
  value: Float64Array;
}

/** A stated attribute resolved against the table: bit 0 when no SKU states that kind. */
export interface StatedAttribute {
  bit: number;
  value: number;
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
  const kindMask = new Uint32Array(attributesBySku.length);
  const start = new Uint32Array(attributesBySku.length + 1);
  const kind = new Uint32Array(entries);
  const value = new Float64Array(entries);
  let at = 0;
  attributesBySku.forEach((attributes, sku) => {
    start[sku] = at;
    for (const a of attributes) {
      const bit = kindBits.get(a.kind)!;
      kindMask[sku]! |= bit;
      kind[at] = bit;
      value[at] = a.value;
      at++;
    }
  });
  start[attributesBySku.length] = at;
  return { kindBits, kindMask, start, kind, value };
}

export function statedAttributes(table: AttributeTable, stated: Attribute[]): StatedAttribute[] {
  return stated.map((a) => ({ bit: table.kindBits.get(a.kind) ?? 0, value: a.value }));
}

/** Does the SKU state an attribute of this kind? */
export function statesKind(table: AttributeTable, sku: number, want: StatedAttribute): boolean {
  return (table.kindMask[sku]! & want.bit) !== 0;
}

/** Does the SKU state this kind with this value? */
export function statesValue(table: AttributeTable, sku: number, want: StatedAttribute): boolean {
  const end = table.start[sku + 1]!;
  for (let e = table.start[sku]!; e < end; e++)
    if (table.kind[e] === want.bit && sameAttributeValue(table.value[e]!, want.value)) return true;
  return false;
}

/** The SKU states the kind with another value: "70 g" said, the SKU is 140 g. */
export function contradictsAny(
  table: AttributeTable,
  sku: number,
  wants: readonly StatedAttribute[],
): boolean {
  for (const want of wants)
    if (statesKind(table, sku, want) && !statesValue(table, sku, want)) return true;
  return false;
}

/** Values are rounded to 3 decimals when read, so they compare exactly (NaN as itself). */
function sameAttributeValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
