/**
 * Reads one segment ("maggi 70g 10 cs", "5 tin palm oil", "NDL-MAG-070 x 12") into a
 * product mention and a quantity. Numbers are sorted into roles: a size or price
 * (attribute), the quantity (with its unit word), or noise (dates, phone numbers,
 * invoice numbers, list markers) that is never a quantity.
 */
import type { CompiledCatalog, CompiledSku } from '../match/compile-catalog.js';
import { codeKey } from '../match/compile-catalog.js';
import { isCodePrefix } from '../match/code-prefixes.js';
import { catalogPairs } from '../units/dimension-pairs.js';
import { perCatalog } from '../match/per-catalog.js';
import { statedAnywhere } from '../match/attribute-table.js';
import { matchProduct, type ProductMatch } from '../match/match-product.js';
import { normalizeText, numberValue, tokenize, type Token } from '../text/tokenize.js';
import { isCurrency, numberAt, readAttributes, type Attribute } from '../units/attributes.js';
import { joinNumberPhrases } from '../units/number-phrases.js';
import { FRAMING, GREETINGS_WITH_NUMBER_WORDS } from '../lexicon/framing.js';
import { ADDRESS_MARKERS, COUNTED_NOT_GOODS } from '../lexicon/references.js';
import { CARDINALS } from '../lexicon/numbers.js';
import { wordSet } from '../lexicon/lexicon.js';
import {
  BIG_WORDS,
  DOZEN_WORDS,
  SMALL_WORDS,
  FRACTION_WORDS,
  NUMBER_WORDS,
  PACK_WORDS,
  PIECE_WORDS,
  VARIANT_MARKERS,
  WEAK_NUMBER_WORDS,
  NAME_NUMBER_MARKS,
  unitFamily,
  unitName,
} from '../lexicon/units.js';
import {
  ALTERNATIVE_WORDS,
  CORRECTION_CUES,
  NO_AFTER_NUMBER,
  REMOVAL_PHRASES,
  STOP_WORDS,
  VERBS_BEFORE_DO,
} from '../lexicon/cues.js';

export interface QuantitySlot {
  value: number;
  /** The unit word written with it (lower-case), "dozen" already multiplied out as pieces. */
  unitWord: string | null;
  kind: 'unit' | 'dozen' | 'marked' | 'bare';
  token: number;
}

export interface SegmentReading {
  text: string;
  product: ProductMatch;
  /** A SKU named by its code. */
  codeSku: number | null;
  quantity: QuantitySlot | null;
  /** Several different quantities and no correction to choose between them. */
  quantityConflict: boolean;
  /** "3 ya 4", "2-3 peti": the dealer has not decided. */
  uncertain: boolean;
  correction: boolean;
  removal: boolean;
  /** "not green": the product named here is the one being taken back. */
  negated: boolean;
  each: boolean;
  attributes: Attribute[];
  /** Product words that matched nothing in the catalog. */
  unknownWords: string[];
  productWords: Token[];
  /**
   * Numbers the reading left unexplained: not the quantity, not a size the product took,
   * not a list marker or a code ("5 box 500": the 500). A segment with these says more than
   * its quantity.
   */
  leftoverNumbers: number[];
  /** "30 patti": an unknown word right after a bare quantity, likely a unit we do not know. */
  unitInDoubt: string | null;
}

const CODE_SEPARATORS = new Set(['-', '_', '/', '.']);
const LIST_MARKS = new Set([')', '.']);
const FRAMING_WORDS = wordSet(FRAMING);
/** "8x50", "x 12": a multiplication sign written as a letter or a symbol. */
const TIMES = new Set(['x', '×', '*']);
const LETTER_TIMES = new Set(['x', '×']);
const SENTENCE_ENDS = new Set(['.', '!', ')']);
const DATE_TIME_MARKS = new Set(['/', ':']);
const EACH_WORDS = new Set(['each', 'har', 'dono', 'sab']);
const DATE_JOINERS = new Set(['-', '/', '.']);
const PRICE_BEFORE = new Set(['rate', 'mrp', 'price', 'at']);
/** "not 8": English puts the number being replaced after its "not" ... */
const NOT_WORDS = new Set(['not']);
/** ... Indian languages before theirs: "60 nahi 72", "4 noy 5", "10 alla 12". */
const NOT_AFTER_WORDS: ReadonlySet<string> = new Set(NO_AFTER_NUMBER);
const QTY_LABELS = new Set(['qty', 'quantity', 'qnty']);
const QTY_COLON_LABELS = new Set(['qty', 'quantity']);

const NOISE_BEFORE = new Set([
  'no',
  '#',
  'invoice',
  'inv',
  'bill',
  'po',
  'receipt',
  'utr',
  'ref',
  'gst',
  'gstin',
  'order',
  'challan',
  'lr',
  'sd',
  'so',
  'dated',
  ...wordSet(ADDRESS_MARKERS),
]);
const MONTHS = new Set([
  'jan',
  'january',
  'feb',
  'february',
  'mar',
  'march',
  'apr',
  'april',
  'may',
  'jun',
  'june',
  'jul',
  'july',
  'aug',
  'august',
  'sep',
  'sept',
  'september',
  'oct',
  'october',
  'nov',
  'november',
  'dec',
  'december',
]);
const TIME_AFTER = new Set([
  'am',
  'pm',
  'baje',
  'bje',
  'hrs',
  'hours',
  'din',
  'days',
  'day',
  'minute',
  'minutes',
  'min',
  'mins',
  'baar',
  'ghante',
  'hafte',
  'week',
  'weeks',
  'month',
  'months',
  'saal',
  'tarikh',
  'tareekh',
  'tarik',
  'tareek',
  'date',
  'mahina',
  'mahine',
  'years',
  'year',
  'th',
  'st',
  'nd',
  'rd',
  'nov',
  'dec',
  'jan',
  'oct',
]);

function isUnitWord(catalog: CompiledCatalog, token: Token | undefined): boolean {
  if (!token || token.kind !== 'word') return false;
  return (
    PACK_WORDS.has(token.norm) ||
    PIECE_WORDS.has(token.norm) ||
    unitFamily(token.norm) !== null ||
    catalogUnitWords(catalog).has(token.norm)
  );
}

/** The catalog's own unit and piece-unit names ("strip", "drum") count as unit words too. */
export const catalogUnitWords = perCatalog((catalog) => {
  const words = new Set<string>();
  for (const sku of catalog.skus) {
    for (const w of [sku.item.unit, sku.item.pieceUnit]) {
      if (!w) continue;
      const norm = w.toLowerCase();
      words.add(norm);
      words.add(norm + 's');
      words.add(norm + 'es');
    }
  }
  return words;
});

/** Finds SKU codes written in the text ("NDL-MAG-070", "ndl mag 140"): token index ranges → SKU index. */
function findCodes(
  catalog: CompiledCatalog,
  tokens: Token[],
): { from: number; to: number; sku: number }[] {
  const found: { from: number; to: number; sku: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind === 'symbol') continue;
    let best: { to: number; sku: number } | null = null;
    let joined = '';
    let parts = 0;
    for (let j = i; j < tokens.length && parts < 6; j++) {
      const t = tokens[j]!;
      if (t.kind === 'symbol') {
        if (!CODE_SEPARATORS.has(t.raw)) break;
        continue;
      }
      if (j > i && t.start - tokens[j - 1]!.end > 1) break;
      joined += t.raw;
      parts++;
      const key = codeKey(joined);
      if (!isCodePrefix(catalog.codePrefixes, key)) break;
      // letters and digits ("NDL-MAG-070"), or letters alone in three parts or more
      // ("CG-HLM-SG-M": copied from a price list, no phrase anyone writes)
      if (key.length >= 4 && /[a-z]/.test(key) && (/\d/.test(key) || parts >= 3)) {
        const sku = catalog.byCode.get(key);
        if (sku !== undefined && (parts > 1 || /[a-z]/i.test(t.raw))) best = { to: j, sku };
      }
    }
    if (best) {
      found.push({ from: i, to: best.to, sku: best.sku });
      i = best.to;
    }
  }
  return found;
}

export function readSegment(
  catalog: CompiledCatalog,
  rawText: string,
  lineStart: boolean,
): SegmentReading {
  const text = dropReferences(catalog, dropReplacedProduct(normalizeText(rawText)));
  const tokens = joinNumberPhrases(tokenize(text));
  const used = new Set<number>();
  const codes = findCodes(catalog, tokens);
  for (const c of codes) for (let k = c.from; k <= c.to; k++) used.add(k);
  // "polysorb 2-0", "22 no needle": an alias with numbers, written out, names its SKU; its
  // numbers are no quantity
  const phrase = codes.length === 0 ? findNumberedAlias(catalog, tokens) : null;

  // A number at the start of a line followed by "." or ")" is a list marker.
  if (
    lineStart &&
    tokens[0]?.kind === 'number' &&
    LIST_MARKS.has(tokens[1]?.raw ?? '') &&
    tokens[2]
  ) {
    used.add(0);
    used.add(1);
  }

  // "50 amp" in a catalog with nothing rated in amperes is fifty ampoules; a bare "1/2" is an
  // inch size only where something is sold by length.
  const kinds = catalog.attributeTable.kindBits;
  const amperes = kinds.has('current');
  let attributes = readAttributes(tokens, true).filter(
    (a) =>
      a.tokens.every((k) => !used.has(k)) &&
      (!a.assumed || kinds.has(a.kind)) &&
      (amperes || a.kind !== 'current' || !/^amps?$/.test(tokens[a.tokens[1] ?? -1]?.norm ?? '')),
  );
  for (let n = 0; n < attributes.length; n++)
    attributes[n] = asWireSection(catalog, tokens, attributes[n]!);
  for (const a of attributes) for (const k of a.tokens) used.add(k);

  const slots: QuantitySlot[] = [];
  let uncertain = false;
  const variantNumbers: number[] = [];
  // the alias's numbers name the product as "wala" numbers do
  if (phrase)
    for (let k = phrase.from; k <= phrase.to; k++)
      if (tokens[k]!.kind === 'number' && !used.has(k)) {
        variantNumbers.push(numberValue(tokens[k]!.raw) ?? 0);
        used.add(k);
      }
  const dimensionNumbers: number[] = [];
  const pairWords: Token[] = [];
  const dimensionCounts: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.kind === 'word' && FRACTION_WORDS.has(t.norm)) {
      // "half a dozen", "aadha dozen"
      const k = next?.norm === 'a' ? i + 2 : i + 1;
      if (DOZEN_WORDS.has(tokens[k]?.norm ?? '')) {
        slots.push({
          value: FRACTION_WORDS.get(t.norm)! * 12,
          unitWord: 'dozen',
          kind: 'dozen',
          token: i,
        });
        for (let m = i; m <= k; m++) used.add(m);
        i = k;
      } else if (isUnitWord(catalog, tokens[k])) {
        // "half box", "dedh peti": a fraction of a sales unit (a question for a person).
        slots.push({
          value: FRACTION_WORDS.get(t.norm)!,
          unitWord: tokens[k]!.norm,
          kind: 'unit',
          token: i,
        });
        for (let m = i; m <= k; m++) used.add(m);
        i = k;
      }
      continue;
    }
    const isNumberWord = t.kind === 'word' && NUMBER_WORDS.has(t.norm);
    if (t.kind !== 'number' && !isNumberWord) {
      if (t.kind === 'word' && t.norm === 'a' && DOZEN_WORDS.has(next?.norm ?? '')) {
        slots.push({ value: 12, unitWord: 'dozen', kind: 'dozen', token: i });
        used.add(i).add(i + 1);
        i++;
      }
      continue;
    }
    const value = numberAt(tokens, i);
    if (value === null) continue;
    // "not 8", "not ten", "8 nahi 10": the number being replaced is never the quantity.
    if (
      (prev && NOT_WORDS.has(prev.norm)) ||
      (next && NOT_AFTER_WORDS.has(next.norm) && writesNumber(tokens[i + 2]))
    ) {
      used.add(i);
      continue;
    }
    // "8x50", "10x2.5": a size written as dimensions; both numbers may name the product, neither
    // is a quantity. Spaced ("8 x 50") only where a name writes that pair: "1kg x 10" counts.
    if (t.kind === 'number') {
      const x = tokens[i + 1];
      const other = tokens[i + 2];
      if (
        x &&
        TIMES.has(x.norm) &&
        other?.kind === 'number' &&
        ((glued(t, x) && glued(x, other)) || catalogPairs(catalog).has(`${t.norm}x${other.norm}`))
      ) {
        const factor = numberValue(other.raw) ?? 0;
        // a pair the catalog's names write ("Garbage Bag 30x37") is a word of those names too
        const key = `${t.norm}x${other.norm}`;
        if (catalogPairs(catalog).has(key))
          pairWords.push({ kind: 'word', raw: key, norm: key, start: t.start, end: other.end });
        // a catalog name reads "13x16" as the count 208 ("10x15" strips of tablets): both readings
        dimensionNumbers.push(value, factor);
        dimensionCounts.push(value * factor);
        used
          .add(i)
          .add(i + 1)
          .add(i + 2);
        i += 2;
        continue;
      }
    }
    // "do ya teen dozen": two numbers offered as alternatives, whatever the first word is.
    if (
      next &&
      ALTERNATIVE_WORDS.has(next.norm) &&
      (tokens[i + 2]?.kind === 'number' || NUMBER_WORDS.has(tokens[i + 2]?.norm ?? ''))
    )
      uncertain = true;
    if (isNumberWord && WEAK_NUMBER_WORDS.has(t.norm)) {
      const unitNext = isUnitWord(catalog, next) || DOZEN_WORDS.has(next?.norm ?? '');
      // "teen do": after a number word, "do" is "give" ("75 do" may be Clopizen 75, two).
      const afterVerb =
        prev &&
        (VERBS_BEFORE_DO.has(prev.norm) || (t.norm === 'do' && NUMBER_WORDS.has(prev.norm)));
      const atEnd = !next || SENTENCE_ENDS.has(next.raw);
      if (!unitNext && (afterVerb || !atEnd || pronounOne(tokens, i) || isUnitWord(catalog, t)))
        continue;
    }
    if (t.kind === 'number') {
      const digits = t.raw.replace(/\D/g, '');
      // phone numbers, pincodes, amounts, references — unless a name carries it ("20000mAh")
      if (digits.length >= 5 && !catalogNumbers(catalog).has(value)) continue;
      // 21-11-2024: a date, whatever word comes before it ("dated 02-06-2025")
      if (
        next?.raw === '-' &&
        tokens[i + 2]?.kind === 'number' &&
        tokens[i + 3]?.raw === '-' &&
        tokens[i + 4]?.kind === 'number'
      ) {
        for (let m = i; m <= i + 4; m++) used.add(m);
        i += 4;
        continue;
      }
      // dates and times: 21/11, 21-11-2024, 10:30, 11am
      if (
        (next &&
          DATE_TIME_MARKS.has(next.raw) &&
          tokens[i + 2]?.kind === 'number' &&
          next.start === t.end &&
          tokens[i + 2]!.start === next.end) ||
        (prev &&
          DATE_TIME_MARKS.has(prev.raw) &&
          prev.end === t.start &&
          tokens[i - 2]?.kind === 'number')
      )
        continue;
      if (next && (TIME_AFTER.has(next.norm) || MONTHS.has(next.norm))) continue;
      if (prev && MONTHS.has(prev.norm)) continue;
      // "16-Dec-2024", "16/Dec/2024": a month word one mark away.
      if (
        (next && DATE_JOINERS.has(next.raw) && MONTHS.has(tokens[i + 2]?.norm ?? '')) ||
        (prev && DATE_JOINERS.has(prev.raw) && MONTHS.has(tokens[i - 2]?.norm ?? ''))
      ) {
        used.add(i);
        continue;
      }
      if (
        prev &&
        !used.has(i - 1) &&
        (NOISE_BEFORE.has(prev.norm) || prev.raw === '#' || prev.raw === '@')
      )
        continue;
      if (
        prev?.raw === '.' &&
        tokens[i - 2] &&
        NOISE_BEFORE.has(tokens[i - 2]!.norm) &&
        !used.has(i - 2)
      )
        continue;
      if (prev && PRICE_BEFORE.has(prev.norm)) continue;
      // "2-3 peti", "2-2 case": a range or "each", not one number
      if (
        next?.raw === '-' &&
        next.start === t.end &&
        tokens[i + 2]?.kind === 'number' &&
        tokens[i + 2]!.start === next.end
      ) {
        uncertain = true;
      }
      if (
        prev?.raw === '-' &&
        prev.end === t.start &&
        tokens[i - 2]?.kind === 'number' &&
        tokens[i - 2]!.end === prev.start
      ) {
        uncertain = true;
      }
    }
    // "teen chaar box", "das bees": two numbers said back to back are a rough range.
    if (
      isNumberWord &&
      next?.kind === 'word' &&
      NUMBER_WORDS.has(next.norm) &&
      !WEAK_NUMBER_WORDS.has(next.norm) &&
      !used.has(i + 1)
    ) {
      uncertain = true;
    }
    if (next && VARIANT_MARKERS.has(next.norm)) {
      variantNumbers.push(value);
      used.add(i);
      continue;
    }
    // "4ch", "8 port", "2mp": a number before a word the catalog's names write after numbers
    // ("4CH DVR", "8 Port PoE") is that size, never a count
    if (
      t.kind === 'number' &&
      next?.kind === 'word' &&
      next.start - t.end <= 1 &&
      sizeSuffixes(catalog).has(next.norm)
    ) {
      variantNumbers.push(value);
      used.add(i);
      continue;
    }
    if (next && DOZEN_WORDS.has(next.norm)) {
      slots.push({ value: value * 12, unitWord: 'dozen', kind: 'dozen', token: i });
      used.add(i).add(i + 1);
      i++;
      continue;
    }
    // "sandpaper 80 no. 4 pkt", "Pyrexin 650 Tab 100 box": "N no." or "N tab" before another
    // quantity is a grade or strength of the name, not a count.
    if (next && NAME_NUMBER_MARKS.has(next.norm) && hasQuantityAfter(catalog, tokens, i + 2)) {
      variantNumbers.push(value);
      used.add(i).add(i + 1);
      i++;
      continue;
    }
    // "Jet Elite 4 jar mixie 5": a number and unit word the catalog's names write together
    // ("Mixer Grinder 4 Jar"), with another number after them, is the product's size.
    if (
      next &&
      isUnitWord(catalog, next) &&
      isNameUnitPair(catalog, value, next.norm) &&
      tokens.slice(i + 2).some(isCount)
    ) {
      variantNumbers.push(value);
      used.add(i);
      continue;
    }
    // "1500 tray 5 box": a unit word the catalog names products by ("Rectangular Tray 1500ml"),
    // before another quantity, is the product's word and the number its size.
    if (
      next &&
      isUnitWord(catalog, next) &&
      hasQuantityAfter(catalog, tokens, i + 2) &&
      namesSizedProduct(catalog, next.norm, value)
    ) {
      variantNumbers.push(value);
      used.add(i);
      continue;
    }
    if (isUnitWord(catalog, next)) {
      // "4 pack" may be a pack-size attribute ("Yippee 4 pack"): recorded as a quantity, re-read below.
      slots.push({ value, unitWord: next!.norm, kind: 'unit', token: i });
      used.add(i).add(i + 1);
      i++;
      continue;
    }
    const marked =
      (prev &&
        TIMES.has(prev.norm) &&
        !(tokens[i - 2]?.kind === 'number' && tokens[i - 2]!.end === prev.start)) ||
      (next && LETTER_TIMES.has(next.norm) && tokens[i + 2]?.kind !== 'number') ||
      (prev && QTY_LABELS.has(prev.norm)) ||
      (prev?.raw === ':' && QTY_COLON_LABELS.has(tokens[i - 2]?.norm ?? '')) ||
      (prev?.raw === '(' && next?.raw === ')') ||
      // "10 each", "10 har ek": a count, never a size.
      (next !== undefined && EACH_WORDS.has(next.norm));
    slots.push({ value, unitWord: null, kind: marked ? 'marked' : 'bare', token: i });
    used.add(i);
  }

  // Product words: what is left, minus fillers and unit words that sat next to a number.
  const productWords = tokens.filter(
    (t, i) =>
      !used.has(i) &&
      t.kind === 'word' &&
      (!STOP_WORDS.has(t.norm) || variantLetter(catalog, tokens, i)) &&
      // "cable 5 kalisi": a word of framing in any language names no product the catalog lacks
      !(FRAMING_WORDS.has(t.norm) && !catalog.termIds.has(t.norm)) &&
      // "… illa 10 bundle": a "no" that takes a number back names no product either
      !(NOT_AFTER_WORDS.has(t.norm) && !catalog.termIds.has(t.norm)) &&
      !MONTHS.has(t.norm) &&
      // "large" names a variant in a catalog that sells a Large; elsewhere it picks a size
      ((!SMALL_WORDS.has(t.norm) && !BIG_WORDS.has(t.norm)) || catalog.termIds.has(t.norm)) &&
      !VARIANT_MARKERS.has(t.norm) &&
      !isCurrency(t),
  );
  if (pairWords.length > 0) {
    productWords.push(...pairWords);
    productWords.sort((a, b) => a.start - b.start);
  }
  const strong = slots.filter((s) => s.kind !== 'bare');
  const bare = slots.filter((s) => s.kind === 'bare');

  const sizeWord = tokens.some((t) => SMALL_WORDS.has(t.norm))
    ? 'small'
    : tokens.some((t) => BIG_WORDS.has(t.norm))
      ? 'big'
      : null;
  const mention: MentionParts = {
    words: productWords,
    attributes,
    strong,
    bare,
    variantNumbers: [...variantNumbers, ...dimensionNumbers, ...dimensionCounts],
    sizeWord,
  };
  // "Yippee 4 pack" is the pack-of-4 product, but "sandpaper 120 3 pack" orders 3 packs: a pack
  // count is a size only when a candidate is sold in packs of that many.
  let packCounts = strong.filter((s) => isPack(s) && (strong.length > 1 || bare.length > 0));
  let product: ProductMatch = matchMention(catalog, mention, packCounts);
  if (packCounts.length > 0 && !soldInPacksOf(product, packCounts)) {
    packCounts = [];
    product = matchMention(catalog, mention, packCounts);
  }
  // "10 Velmax 900 ctn": a count first, then a size that took the unit word. Read the later
  // number as a size; if that names the product, the unit word is the count's.
  const first = bare[0];
  const later = strong[0];
  if (
    first &&
    later &&
    bare.length === 1 &&
    strong.length === 1 &&
    first.token === (used.has(0) && used.has(1) && tokens[2] ? 2 : 0) &&
    later.token > first.token + 1 &&
    later.kind === 'unit' &&
    // (when the first number already named a size, "750 silver 10 box", the smaller number is
    // the count: 10 Velmax bottles of 900 ml, not 900 cartons of a 10 W bulb)
    (product.status !== 'resolved' ||
      (product.usedNumbers.includes(first.value) && first.value < later.value))
  ) {
    const asSize: QuantitySlot = { ...later, kind: 'bare', unitWord: null };
    const retry = matchMention(catalog, { ...mention, strong: [], bare: [asSize] }, []);
    if (
      retry.status === 'resolved' &&
      (retry.usedNumbers.includes(asSize.value) || nameNumbers(retry.sku!).has(asSize.value))
    ) {
      product = retry;
      strong.splice(0, 1, { ...first, unitWord: later.unitWord, kind: 'unit' });
      bare.splice(0, 1, asSize);
    }
  }
  // "Pyrexin 650 Tab 10x15": dimensions name the product only if it carries both numbers (a
  // screw "8 x 50mm"); a strip pack "10x15" must not pick whatever SKU shows a 10.
  if (dimensionNumbers.length > 0 && product.status === 'resolved' && product.sku) {
    const shown = product.sku.attributes.map((a) => a.display);
    const has = (d: number) => shown.some((n) => Math.abs(n - d) < 1e-9);
    if (
      !dimensionNumbers.every(has) &&
      !(dimensionCounts.length > 0 && dimensionCounts.every(has))
    ) {
      const retry = matchMention(catalog, { ...mention, variantNumbers }, packCounts);
      if (retry.status !== 'none') product = retry;
    }
  }
  // "nail 2 inch 20 kg" of nails sold by the kilo: a weight no candidate comes in, in the unit
  // the catalog counts pieces in, is the quantity.
  // ("Nut 10 - 15 kg" of nuts sold by the kg: a weight that leaves the product open is read
  // as the quantity too, when every SKU it could then be is sold so)
  if (
    strong.length === 0 &&
    (product.status !== 'resolved' || allNamed(bare, product.usedNumbers, tokens))
  ) {
    const measured = attributes.find(
      (a) =>
        isMeasuredQuantity(catalog, tokens, a) &&
        (product.status !== 'resolved' || countedIn(product.sku!, tokens[a.tokens[1]!]!.norm)),
    );
    if (measured) {
      const slot: QuantitySlot = {
        value: measured.display,
        unitWord: tokens[measured.tokens[1]!]!.norm,
        kind: 'unit',
        token: measured.tokens[0]!,
      };
      const rest = attributes.filter((a) => a !== measured);
      let retry = matchMention(
        catalog,
        { ...mention, attributes: rest, strong: [slot] },
        packCounts,
      );
      // of the SKUs the words leave, those sold in that unit ("M10 nut" by the kilo, not the
      // nylock nut in packets): the weight is their quantity
      const sold =
        retry.status === 'ambiguous'
          ? retry.candidates.filter((c) => countedIn(c.sku, slot.unitWord!))
          : [];
      if (sold.length === 1)
        retry = { ...retry, status: 'resolved', sku: sold[0]!.sku, candidates: sold };
      const settles =
        product.status !== 'ambiguous'
          ? retry.status !== 'none'
          : retry.status === 'resolved'
            ? countedIn(retry.sku!, slot.unitWord!)
            : retry.status !== 'none' &&
              retry.candidates.every((c) => countedIn(c.sku, slot.unitWord!));
      if (settles) {
        product = retry;
        attributes = rest;
        strong.push(slot);
      }
    }
  }
  // "hik 4ch dvr 2": a bare number after every product word, taken for the "2" of "2MP" though
  // the name never writes it bare, is the count when the words single out that SKU without it.
  const last = bare[bare.length - 1];
  if (
    last &&
    strong.length === 0 &&
    product.status === 'resolved' &&
    bare.every((b) => product.usedNumbers.includes(b.value)) &&
    productWords.every((w) => w.start < tokens[last.token]!.start) &&
    !glued(tokens[last.token - 1], tokens[last.token]) &&
    !writesBare(product.sku!, last.value)
  ) {
    const retry = matchMention(catalog, { ...mention, bare: bare.slice(0, -1) }, packCounts);
    if (retry.status === 'resolved' && retry.sku === product.sku) product = retry;
  }
  // the alias decides between readings the words left equal; it never overrules another reading
  if (phrase && product.status !== 'resolved') {
    const sku = catalog.skus[phrase.sku]!;
    const own = new Set(sku.allTerms);
    const named =
      product.candidates.find((c) => c.sku.index === phrase.sku) ??
      // or every other word said is the alias SKU's own too
      (productWords.every((w) => own.has(catalog.termIds.get(w.norm) ?? -1))
        ? { sku, score: product.score }
        : null);
    if (named) {
      const said = phrase.numbers.filter((n) => !product.usedNumbers.includes(n));
      product = {
        ...product,
        status: 'resolved',
        sku: named.sku,
        candidates: [named],
        usedNumbers: [...product.usedNumbers, ...said],
      };
    }
  }
  const hasCode = codes.length > 0;

  // A number read as a size is consumed once; "wala" numbers were never quantities.
  const consumed = [...product.usedNumbers];
  const freeBare = bare.filter((s) => {
    const k = consumed.indexOf(s.value);
    if (k >= 0 && !variantNumbers.includes(s.value)) {
      consumed.splice(k, 1);
      return false;
    }
    return true;
  });
  const quantities = [...strong.filter((s) => !packCounts.includes(s)), ...freeBare].sort(
    (a, b) => a.token - b.token,
  );

  const lowered = ' ' + text.toLowerCase() + ' ';
  const wordsNorm = tokens.map((t) => t.norm);
  const correction = hasCorrectionCue(tokens, lowered);
  const removal = REMOVAL_PHRASES.some((re) => re.test(lowered));
  const each =
    wordsNorm.includes('each') || wordsNorm.includes('dono') || wordsNorm.includes('har');

  let quantity: QuantitySlot | null = null;
  let quantityConflict = false;
  // "Rolon Pulsar 150 kit - 10": a number of the product's own name is no quantity while
  // another number is there to be one.
  const named = product.status === 'resolved' && product.sku ? nameNumbers(product.sku) : null;
  const others = named ? quantities.filter((q) => !named.has(q.value)) : quantities;
  const counted = others.length > 0 && others.length < quantities.length ? others : quantities;
  if (counted.length === 1) quantity = counted[0]!;
  else if (counted.length > 1) {
    const explicit = counted.filter((q) => q.kind !== 'bare');
    const pool = explicit.length > 0 ? explicit : counted;
    // "not 8": a number right after "not" is the one being replaced.
    const negated = pool.filter((q) => NOT_WORDS.has(tokens[q.token - 1]?.norm ?? ''));
    const kept = pool.filter((q) => !negated.includes(q));
    const distinct = new Set(kept.map((q) => q.value));
    if (kept.length === 1) quantity = kept[0]!;
    else if (distinct.size === 1) quantity = kept[kept.length - 1]!;
    else if (correction) quantity = kept[kept.length - 1]!;
    else {
      quantity = kept[kept.length - 1] ?? null;
      quantityConflict = true;
    }
  }

  const unknownWords = productWords
    .filter((_, i) => !product.matchedWords.has(i))
    .map((t) => t.norm);
  const leftoverNumbers = quantities
    .filter(
      (q) =>
        q !== quantity &&
        !NOT_WORDS.has(tokens[q.token - 1]?.norm ?? '') &&
        (counted === quantities || counted.includes(q)),
    )
    .map((q) => q.value);
  tokens.forEach((t, i) => {
    // A number token that is no plain number ("09.06.2025") is a date or a reference.
    const value = t.kind === 'number' && !used.has(i) ? numberValue(t.raw) : null;
    if (value !== null) leftoverNumbers.push(value);
  });
  const afterQuantity = quantity?.kind === 'bare' ? tokens[quantity.token + 1] : undefined;
  const unitInDoubt =
    afterQuantity?.kind === 'word' && unknownWords.includes(afterQuantity.norm)
      ? afterQuantity.raw
      : null;
  return {
    text: rawText,
    product,
    codeSku: hasCode ? codes[0]!.sku : null,
    quantity,
    quantityConflict,
    uncertain,
    correction,
    removal,
    negated: ['not', 'nahi', 'nahin', 'no'].includes(tokens[0]?.norm ?? ''),
    each,
    attributes,
    unknownWords,
    productWords,
    leftoverNumbers,
    unitInDoubt,
  };
}

/**
 * "1.5mm", "2.5 mm2" of a wire sold as "1.5 sq mm": a cross-section, where the catalog states
 * that area and no SKU is that many millimetres long or wide.
 */
function asWireSection(catalog: CompiledCatalog, tokens: Token[], a: Attribute): Attribute {
  const unit = tokens[a.tokens[a.tokens.length - 1]!];
  if (a.kind !== 'length' || a.tokens.length !== 2 || unit?.norm !== 'mm') return a;
  const table = catalog.attributeTable;
  if (!statedAnywhere(table, 'area', a.display) || statedAnywhere(table, 'length', a.value))
    return a;
  const squared = tokens[a.tokens[1]! + 1];
  const tail = squared?.raw === '2' && squared.start === unit.end ? [a.tokens[1]! + 1] : [];
  return { kind: 'area', value: a.display, display: a.display, tokens: [...a.tokens, ...tail] };
}

/** Long letter+digit references (GSTIN, UTR, AWB numbers) hold no quantity; SKU codes are kept. */
function dropReferences(catalog: CompiledCatalog, text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  let out = text;
  if (LONG_RUN.test(out)) {
    out = out.replace(/\b[A-Za-z0-9]{9,}\b/g, (ref) => {
      const digitGroups = ref.match(/\d+/g)?.length ?? 0;
      const letterGroups = ref.match(/[A-Za-z]+/g)?.length ?? 0;
      const reference = digitGroups >= 2 && letterGroups >= 2;
      return reference && !catalog.byCode.has(codeKey(ref)) ? blank(ref) : ref;
    });
  }
  // "PO/24-25/0388", "KMD/1184": document numbers with slashes, letters first.
  if (out.includes('/'))
    out = out.replace(SLASHED_REFERENCE, (ref) => (/\d/.test(ref) ? blank(ref) : ref));
  // "Sat Sri Akal": a greeting whose first word is also seven
  if (HAS_GREETING_WITH_NUMBER.test(out))
    out = out.replace(GREETING_WITH_NUMBER, (m) => ' '.repeat(m.length));
  // "oru order undu", "teen dukaan ka order", "2 orders": a count of orders or shops, not of goods
  if (NOT_GOODS_AFTER_COUNT.test(out))
    out = out.replace(COUNT_OF_NOT_GOODS, (m, count: string) =>
      /^\d+$/.test(count) || CARDINALS.has(count.toLowerCase()) ? ' '.repeat(m.length) : m,
    );
  // "9839 221 774", "+91 94073 01234": a phone number written in groups.
  if (SPACED_DIGITS.test(out))
    out = out.replace(SPACED_NUMBER, (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 10 && digits <= 13 ? blank(m) : m;
    });
  return out;
}
const GREETING_SOURCE = `(?<![\\p{L}\\p{N}])(?:${GREETINGS_WITH_NUMBER_WORDS.map((g) => g.join('\\s+')).join('|')})(?![\\p{L}\\p{N}])`;
const HAS_GREETING_WITH_NUMBER = new RegExp(GREETING_SOURCE, 'iu');
const GREETING_WITH_NUMBER = new RegExp(GREETING_SOURCE, 'giu');
const NOT_GOODS_WORDS = [...wordSet(COUNTED_NOT_GOODS)].join('|');
const NOT_GOODS_AFTER_COUNT = new RegExp(`\\s(?:${NOT_GOODS_WORDS})(?![\\p{L}\\p{N}])`, 'iu');
const COUNT_OF_NOT_GOODS = new RegExp(
  `(?<![\\p{L}\\p{N}])([\\p{L}\\p{N}]+)\\s+(?:${NOT_GOODS_WORDS})(?![\\p{L}\\p{N}])`,
  'giu',
);
const LONG_RUN = /[A-Za-z0-9]{9}/;
const SLASHED_REFERENCE = /\b[A-Za-z]{2,}[A-Za-z0-9]*(?:\/[A-Za-z0-9-]+)+/g;
const SPACED_DIGITS = /\d{3}[\s-]\d{3}/;
const SPACED_NUMBER = /(?:\+\d{1,3}[\s-])?\d{3,5}(?:[\s-]\d{3,5}){1,3}/g;

const REPLACEMENT_CUE =
  /instead of|in place of|rather than|in lieu of|ki jagah|ke jagah|ki jageh|ke badle|ke badale|ke bajaye|ki bajaye/i;

/**
 * "X instead of Y", "Y ki jagah X": Y is the product being replaced, never ordered. Blanked with
 * spaces so token offsets still point into the text as written.
 */
function dropReplacedProduct(text: string): string {
  if (!REPLACEMENT_CUE.test(text)) return text;
  const blank = (m: string) => ' '.repeat(m.length);
  return text
    .replace(/\b(instead of|in place of|rather than|in lieu of)\b.*$/i, blank)
    .replace(/^.*\b(ki jagah|ke jagah|ki jageh|ke badle|ke badale|ke bajaye|ki bajaye)\b/i, blank);
}

function glued(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && a.end === b.start;
}

/** A number followed by a unit word somewhere from token `from` on. */
function hasQuantityAfter(catalog: CompiledCatalog, tokens: Token[], from: number): boolean {
  for (let k = from; k + 1 < tokens.length; k++)
    if (tokens[k]!.kind === 'number' && isUnitWord(catalog, tokens[k + 1])) return true;
  return false;
}

/** The SKU is sold or counts its pieces in this unit (nails in 1 kg boxes, carry bags by the kg). */
function countedIn(sku: CompiledSku, unit: string): boolean {
  const name = unitName(unit);
  return (
    unitName(sku.item.unit) === name ||
    (sku.item.pieceUnit !== null &&
      sku.item.pieceUnit !== undefined &&
      unitName(sku.item.pieceUnit) === name)
  );
}

/** "20 kg" where the catalog counts some product's pieces in kilos. */
function isMeasuredQuantity(catalog: CompiledCatalog, tokens: Token[], a: Attribute): boolean {
  if (a.tokens.length !== 2 || !['weight', 'volume', 'length'].includes(a.kind)) return false;
  const unit = tokens[a.tokens[1]!];
  return unit !== undefined && catalogUnitNames(catalog).has(unitName(unit.norm));
}

/** What the catalog's unit words name ("kg" and "kilo" alike). */
const catalogUnitNames = perCatalog(
  (catalog) => new Set([...catalogUnitWords(catalog)].map(unitName)),
);

/**
 * "Clopizen A": a one-letter word that is a stop word in prose ("a") but, right after a product
 * word, the letter of a named variant ("Clopizen-A") the catalog has.
 */
function variantLetter(catalog: CompiledCatalog, tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  // "A15", "E10", "IT500": a letter, or a short word, glued to a number is a model's name where
  // the catalog has it
  if (
    (t.norm.length === 1 || STOP_WORDS.has(t.norm)) &&
    next?.kind === 'number' &&
    next.start === t.end &&
    catalog.termIds.has(t.norm)
  )
    return true;
  if (t.norm.length !== 1 || prev?.kind !== 'word') return false;
  const letter = catalog.termIds.get(t.norm);
  const word = catalog.termIds.get(prev.norm);
  if (letter === undefined || word === undefined) return false;
  const named = new Set(catalog.postings[word]);
  return catalog.postings[letter]!.some((sku) => named.has(sku));
}

interface NumberedAlias {
  norms: string[];
  sku: number;
}
/**
 * Aliases that mix words and numbers ("polysorb 2-0", "22 no needle"), by their first token and
 * then their second ("" for an alias of one token): a catalog may give hundreds the same first
 * word, and a message says that word often.
 */
const numberedAliases = perCatalog((catalog) => {
  const byFirst = new Map<string, Map<string, NumberedAlias[]>>();
  for (const sku of catalog.skus)
    for (const alias of sku.item.aliases) {
      const t = tokenize(normalizeText(alias));
      // a model number alone ("7216") names its SKU too; a short one could be a count
      const model = t.length === 1 && t[0]!.kind === 'number' && /^\d{3,}$/.test(t[0]!.raw);
      if (!t.some((x) => x.kind === 'number') || !(model || t.some((x) => x.kind === 'word')))
        continue;
      const entry = { norms: t.map((x) => x.norm), sku: sku.index };
      let bySecond = byFirst.get(entry.norms[0]!);
      if (!bySecond) byFirst.set(entry.norms[0]!, (bySecond = new Map()));
      const second = entry.norms[1] ?? '';
      const list = bySecond.get(second);
      if (list) list.push(entry);
      else bySecond.set(second, [entry]);
    }
  return byFirst;
});

/** The longest numbered alias written in the segment, when it names one SKU only. */
function findNumberedAlias(
  catalog: CompiledCatalog,
  tokens: Token[],
): { from: number; to: number; sku: number; numbers: number[] } | null {
  const byFirst = numberedAliases(catalog);
  if (byFirst.size === 0) return null;
  let best: { from: number; to: number; skus: Set<number> } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const bySecond = byFirst.get(tokens[i]!.norm);
    if (!bySecond) continue;
    for (const alias of [
      ...(bySecond.get('') ?? NO_ALIASES),
      ...((tokens[i + 1] && bySecond.get(tokens[i + 1]!.norm)) || NO_ALIASES),
    ]) {
      const n = alias.norms.length;
      if (!writtenAt(tokens, i, alias.norms)) continue;
      const span = n - 1;
      if (!best || span > best.to - best.from)
        best = { from: i, to: i + span, skus: new Set([alias.sku]) };
      else if (span === best.to - best.from && best.from === i) best.skus.add(alias.sku);
    }
  }
  // "velmax 900 ctn": a unit word after the alias's number leaves the number's role open
  if (!best || best.skus.size !== 1 || isUnitWord(catalog, tokens[best.to + 1])) return null;
  const numbers = tokens
    .slice(best.from, best.to + 1)
    .filter((t) => t.kind === 'number')
    .map((t) => numberValue(t.raw) ?? 0);
  return { from: best.from, to: best.to, sku: [...best.skus][0]!, numbers };
}

const NO_ALIASES: readonly NumberedAlias[] = [];

/** The norms appear in order from token `at` on. */
function writtenAt(tokens: readonly Token[], at: number, norms: readonly string[]): boolean {
  if (at + norms.length > tokens.length) return false;
  for (let k = 0; k < norms.length; k++) if (tokens[at + k]!.norm !== norms[k]) return false;
  return true;
}

/**
 * Words that follow a number in the names of two SKUs or more and are no unit ("4CH", "8 Port",
 * "2MP", "3 Seater"): with its number, such a word says which size.
 */
const sizeSuffixes = perCatalog((catalog) => {
  const seen = new Map<string, number>();
  for (const pairs of numberWordPairs(catalog)) {
    const here = new Set(pairs.filter((p) => p.close).map((p) => p.word));
    for (const w of here) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  return new Set(
    [...seen]
      .filter(
        ([w, n]) =>
          n >= 2 &&
          w.length >= 2 &&
          !TIMES.has(w) &&
          !isUnitWord(catalog, unitToken(w)) &&
          !DOZEN_WORDS.has(w) &&
          !MONTHS.has(w) &&
          !TIME_AFTER.has(w) &&
          !readAttributes(tokenize(`1 ${w}`), true).some((a) => a.tokens.length === 2),
      )
      .map(([w]) => w),
  );
});

/** Each name's numbers with the word right after them ("4CH DVR", "Mixer Grinder 4 Jar"). */
const numberWordPairs = perCatalog((catalog) =>
  catalog.skus.map((sku) => {
    const tokens = tokenize(normalizeText(sku.item.name));
    const pairs: { value: number; word: string; close: boolean }[] = [];
    for (let k = 0; k + 1 < tokens.length; k++) {
      const [a, b] = [tokens[k]!, tokens[k + 1]!];
      if (a.kind === 'number' && b.kind === 'word')
        pairs.push({ value: numberValue(a.raw) ?? 0, word: b.norm, close: b.start - a.end <= 1 });
    }
    return pairs;
  }),
);

/** "4 jar", "3 burner": a number and the unit word after it in a name of the catalog. */
const nameUnitPairs = perCatalog((catalog) => {
  const pairs = new Set<string>();
  for (const list of numberWordPairs(catalog))
    for (const p of list)
      if (isUnitWord(catalog, unitToken(p.word))) pairs.add(`${p.value} ${p.word}`);
  return pairs;
});

function unitToken(word: string): Token {
  return { kind: 'word', raw: word, norm: word, start: 0, end: 0 };
}

export function isNameUnitPair(catalog: CompiledCatalog, value: number, unit: string): boolean {
  return nameUnitPairs(catalog).has(`${value} ${unit}`);
}

/** A number that can be a count: digits, or a number word that is no other word too. */
function isCount(t: Token): boolean {
  return t.kind === 'number' || (NUMBER_WORDS.has(t.norm) && !WEAK_NUMBER_WORDS.has(t.norm));
}

/** Every number written in a name or alias of the catalog. */
const catalogNumbers = perCatalog(
  (catalog) => new Set(catalog.skus.flatMap((sku) => [...nameNumbers(sku)])),
);

/** Some SKU has this word in its name and this number as its size ("tray" and 900: "Tray 900ml"). */
export function namesSizedProduct(catalog: CompiledCatalog, word: string, value: number): boolean {
  const id = catalog.termIds.get(word);
  return (
    id !== undefined && catalog.postings[id]!.some((k) => nameNumbers(catalog.skus[k]!).has(value))
  );
}

const nameNumberCache = new WeakMap<CompiledSku, ReadonlySet<number>>();
/** The numbers in a SKU's name or aliases ("Pulsar 150", "Velmax 900ml", "v8 cable"). */
export function nameNumbers(sku: CompiledSku): ReadonlySet<number> {
  let numbers = nameNumberCache.get(sku);
  if (!numbers) {
    numbers = new Set([
      ...(sku.item.name.match(/(?<![\d.])\d+(\.\d+)?(?![\d.])/g) ?? []).map(Number),
      ...sku.aliases.flatMap((a) => a.numbers),
    ]);
    nameNumberCache.set(sku, numbers);
  }
  return numbers;
}

/** Does the SKU's name or an alias write this number alone ("Pulsar 150"), not only "2MP"? */
function writesBare(sku: CompiledSku, value: number): boolean {
  if (sku.aliases.some((a) => a.numbers.includes(value))) return true;
  return (sku.item.name.match(/(?<![\p{L}\p{N}.])\d+(\.\d+)?(?![\p{L}\p{N}.])/gu) ?? [])
    .map(Number)
    .includes(value);
}

/** A number written in digits or as a number word. */
function writesNumber(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === 'number' || CARDINALS.has(token.norm));
}

/** "4 pack": a quantity in packs, which may be a pack size instead. */
function isPack(s: QuantitySlot): boolean {
  return s.unitWord !== null && /^packs?$/.test(s.unitWord);
}

/** What a segment says about its product, for matchProduct. */
interface MentionParts {
  words: Token[];
  attributes: Attribute[];
  strong: QuantitySlot[];
  bare: QuantitySlot[];
  variantNumbers: number[];
  sizeWord: 'small' | 'big' | null;
}

/** The product read with these pack counts taken as sizes ("4 pack" next to a 4-pack SKU). */
function matchMention(
  catalog: CompiledCatalog,
  mention: MentionParts,
  packCounts: QuantitySlot[],
): ProductMatch {
  return matchProduct(catalog, {
    words: mention.words,
    attributes: [
      ...mention.attributes,
      ...packCounts.map((s) => ({
        kind: 'count' as const,
        value: s.value,
        display: s.value,
        tokens: [s.token],
      })),
    ],
    bareNumbers: mention.bare.map((s) => s.value),
    variantNumbers: mention.variantNumbers,
    hasOtherQuantity: mention.strong.length - packCounts.length > 0,
    sizeWord: mention.sizeWord,
  });
}

/** Is some candidate sold in packs of one of these counts? */
function soldInPacksOf(product: ProductMatch, packCounts: QuantitySlot[]): boolean {
  return product.candidates.some((c) =>
    c.sku.attributes.some((a) => a.kind === 'count' && packCounts.some((p) => p.value === a.value)),
  );
}

/** "sorry", "nahi", "make it", "kar do": the writer is changing something said before. */
export function hasCorrectionCue(tokens: Token[], lowered: string): boolean {
  return (
    tokens.some((t) => CORRECTION_CUES.has(t.norm)) ||
    /\bmake it\b|\bkar do\b|\bkardo\b|^\s*(p\W{0,3}s\W{0,3})?make\b/.test(lowered)
  );
}

/**
 * Every bare number is written into a name word ("M10", "M6") and is one the product's name
 * took, each number once: the weight beside it is then the only quantity left.
 */
function allNamed(
  bare: readonly QuantitySlot[],
  usedNumbers: readonly number[],
  tokens: readonly Token[],
): boolean {
  const left = [...usedNumbers];
  return bare.every((b) => {
    const before = tokens[b.token - 1];
    const k = left.indexOf(b.value);
    if (k >= 0) left.splice(k, 1);
    return k >= 0 && before?.kind === 'word' && before.end === tokens[b.token]!.start;
  });
}

/** "the one", "that one", "which one": "one" stands for a product, it counts nothing. */
const ONE_STANDS_FOR = new Set([
  'the',
  'this',
  'that',
  'which',
  'same',
  'another',
  'any',
  'other',
  'each',
  'every',
  'no',
  'wo',
  'woh',
  'yeh',
  'ye',
  'kaun',
  'koi',
]);

/**
 * "one" ending a line counts one of the product before it ("Exide TZ9 one", "Amaron 65 one"),
 * unless it stands for the product itself ("the 12 inch one", "the big one", "same one") or
 * spells a code ("C-one-zero-one"). Alone it counts nothing.
 */
function pronounOne(tokens: readonly Token[], i: number): boolean {
  if (tokens[i]!.norm !== 'one') return false;
  const prev = tokens[i - 1];
  if (prev === undefined || (prev.kind === 'symbol' && prev.end === tokens[i]!.start)) return true;
  return tokens.slice(Math.max(0, i - 4), i).some((t) => ONE_STANDS_FOR.has(t.norm));
}
