/**
 * One segment that holds several "quantity unit" groups with no comma between them ("bison 5 bag
 * saath me primer 1 bucket", 'brush 2" 1 box 3" 1 box', "fixocef 200 paanch box oflorin oz teen
 * box") is cut after each group, so every group is read as a line of its own; a group with no
 * product words borrows the line before's, as any follow-up does.
 */
import type { CompiledCatalog } from '../match/compile-catalog.js';
import { numberValue, tokenize, type Token } from '../text/tokenize.js';
import {
  MEASURE_UNITS,
  NAME_NUMBER_MARKS,
  NUMBER_WORDS,
  PACK_WORDS,
  PIECE_WORDS,
  unitFamily,
} from '../lexicon/units.js';
import { catalogUnitWords, isNameUnitPair, namesSizedProduct } from './read-segment.js';

export function splitAtQuantities(catalog: CompiledCatalog, segment: string): string[] {
  const tokens = tokenize(segment);
  const cuts: number[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!isCount(tokens[i]!) || glued(tokens[i - 1], tokens[i]!)) continue;
    if (!isContainer(catalog, tokens[i + 1]!)) continue;
    // "4 pack" may be the pack size of the product, "80 no." a grade number, "500 Tab" a
    // strength: never cut there.
    const unit = tokens[i + 1]!.norm;
    if (/^packs?$/.test(unit) || NAME_NUMBER_MARKS.has(unit)) continue;
    // "900 tray 4 box" opening the segment: the tray of 900 ml, four boxes of it.
    const value = numberValue(tokens[i]!.raw);
    if (i === 0 && value !== null && namesSizedProduct(catalog, unit, value)) continue;
    // "Rex 750W 4 jar - 5 pcs": "4 Jar" is written in the catalog's names, a size
    if (value !== null && isNameUnitPair(catalog, value, unit)) continue;
    const rest = tokens.slice(i + 2);
    // (a later "21 no" or "500 tab" is a grade or strength, not another quantity)
    const more = rest.some(
      (t, k) =>
        isCount(t) &&
        rest[k + 1] &&
        isContainer(catalog, rest[k + 1]!) &&
        !NAME_NUMBER_MARKS.has(rest[k + 1]!.norm),
    );
    if (!more) break;
    cuts.push(tokens[i + 1]!.end);
    i++;
  }
  if (cuts.length === 0) return [segment];
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(segment.slice(from, cut).trim());
    from = cut;
  }
  parts.push(segment.slice(from).trim());
  return parts.filter((p) => p.length > 0);
}

/** "D3 tab", "10x15": a number glued to what comes before is part of a name or a size. */
function glued(before: Token | undefined, t: Token): boolean {
  return before !== undefined && before.end === t.start;
}

function isCount(t: Token): boolean {
  return t.kind === 'number' || (t.kind === 'word' && NUMBER_WORDS.has(t.norm));
}

/** A word for what goods are counted in (box, bag, coil, pcs), not a measure (kg, litre). */
function isContainer(catalog: CompiledCatalog, t: Token): boolean {
  if (t.kind !== 'word' || MEASURE_UNITS.has(t.norm)) return false;
  return (
    PACK_WORDS.has(t.norm) ||
    PIECE_WORDS.has(t.norm) ||
    unitFamily(t.norm) !== null ||
    catalogUnitWords(catalog).has(t.norm)
  );
}
