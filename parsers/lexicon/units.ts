/**
 * Language, not catalog: how people write numbers and units in English and Hindi
 * (Latin and Devanagari). Nothing here names a product; products come from the catalog.
 */
import { transliterateWord } from '../text/transliterate.js';
import { CARDINALS } from './numbers.js';

/** Devanagari entries are stored in the transliterated form tokens carry. */
function table(entries: Record<string, number>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [word, value] of Object.entries(entries)) map.set(transliterateWord(word), value);
  return map;
}

function set(words: string[]): Set<string> {
  return new Set(words.map((w) => transliterateWord(w)));
}

/**
 * Trade shorthand and everyday Hindi for words catalog names spell out in English ("inj" for
 * injection, "blk" for black, "laal" for red). A word is read so only when it is not a catalog
 * word itself and the catalog uses the long form.
 */
export const SHORTHAND = new Map<string, string[]>([
  ['laal', ['red']],
  ['lal', ['red']],
  ['kala', ['black']],
  ['kaala', ['black']],
  ['kali', ['black']],
  ['kaali', ['black']],
  ['safed', ['white']],
  ['safaid', ['white']],
  ['sufed', ['white']],
  ['hara', ['green']],
  ['hari', ['green']],
  ['peela', ['yellow']],
  ['pila', ['yellow']],
  ['peeli', ['yellow']],
  ['neela', ['blue']],
  ['nila', ['blue']],
  ['neeli', ['blue']],
  ['bhura', ['brown']],
  ['gulabi', ['pink']],
  ['narangi', ['orange']],
  ['tab', ['tablet', 'tablets']],
  ['tabs', ['tablet', 'tablets']],
  ['cap', ['capsule', 'capsules']],
  ['caps', ['capsule', 'capsules']],
  ['inj', ['injection']],
  ['syp', ['syrup']],
  ['syr', ['syrup']],
  ['susp', ['suspension']],
  ['oint', ['ointment']],
  ['drp', ['drops']],
  ['drps', ['drops']],
  ['soln', ['solution']],
  ['pwd', ['powder']],
  ['pwdr', ['powder']],
  ['crm', ['cream']],
  ['sach', ['sachet', 'sachets']],
  ['dp', ['double', 'pole']],
  ['sp', ['single', 'pole']],
  ['tp', ['triple', 'pole']],
  ['ext', ['exterior']],
  ['int', ['interior']],
  ['wht', ['white']],
  ['blk', ['black']],
  ['grn', ['green']],
  ['ylw', ['yellow']],
  ['galv', ['galvanised', 'galvanized']],
  ['alu', ['aluminium', 'aluminum']],
  ['dist', ['distemper']],
  ['emul', ['emulsion']],
]);

/**
 * Number words: every cardinal the review policy's own reader knows (numbers.ts, all
 * languages), and spellings only this reader takes. Ambiguous short words ("do", "ek",
 * "saath", "be") are checked in context (WEAK_NUMBER_WORDS).
 */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...CARDINALS,
  ...table({
    zero: 0,
    unnees: 19,
    ikkees: 21,
    teees: 23,
    chhabbees: 26,
    sattaees: 27,
    atthaees: 28,
    untis: 29,
    paintis: 35,
    // तीन is "tin" (a container) in Latin letters: weak, and unknown to the policy
    तीन: 3,
    पच्चीस: 25,
    तीस: 30,
    // Gujarati and Marathi two, also English words: weak, and unknown to the review policy
    be: 2,
    don: 2,
  }),
]);

/** Fractions used before a unit: "dedh kilo", "aadha kilo", "half a dozen". */
export const FRACTION_WORDS = table({
  half: 0.5,
  aadha: 0.5,
  adha: 0.5,
  aadhi: 0.5,
  dedh: 1.5,
  derh: 1.5,
  dhai: 2.5,
  dhaai: 2.5,
  pauna: 0.75,
  paune: 0.75,
  sawa: 1.25,
  sava: 1.25,
  आधा: 0.5,
  डेढ़: 1.5,
  ढाई: 2.5,
});

/** Words that are numbers only when a unit or a product sits next to them. */
export const WEAK_NUMBER_WORDS = set([
  'do',
  'ek',
  'one',
  'nau',
  'sau',
  'saath',
  'तीन',
  // English or Hindi words too: Gujarati two, Marathi two, Gujarati nine, Telugu ten
  'be',
  'don',
  'nav',
  'padi',
]);

/**
 * Words after a number that may make it part of the name rather than a count, when another
 * quantity follows: "sandpaper 80 no. 4 pkt", "Pyrexin 650 Tab 100 box".
 */
export const NAME_NUMBER_MARKS = set([
  'no',
  'tab',
  'tabs',
  'tablet',
  'tablets',
  'cap',
  'caps',
  'capsule',
  'capsules',
]);

/**
 * "120 number" sandpaper, "10 number" shoes: the word in full after a number of the name. The
 * review policy takes it as a mark of the name's number; the reader does not need it.
 */
export const NAME_NUMBER_WORDS_IN_FULL = set(['number', 'nambar', 'नंबर']);

/**
 * Words for a container that holds boxes or packets ("1 carton" of rangoli sold by the box: how
 * many boxes?). Not "peti", which is said of a box as often as of a carton.
 */
const CARTON_WORDS = ['carton', 'cartons', 'ctn', 'ctns', 'crtn', 'कार्टन'];
const CASE_WORDS = ['case', 'cases', 'cs', 'cse'];
export const OUTER_PACK_WORDS = set([...CARTON_WORDS, ...CASE_WORDS]);
/** The unit names of the containers an outer one holds. */
export const INNER_PACKS = set(['box', 'packet', 'pack']);
/**
 * "Dabba": a tin or a jar — the jar a carton holds as often as the carton itself ("30 dabbe" of
 * jars sold by the carton of 24: thirty jars or thirty cartons?).
 */
export const SMALL_CONTAINER_WORDS = set([
  ...['dabba', 'dabbe', 'dibba', 'dibbe', 'डब्बा', 'डिब्बा', 'डब्बे', 'डिब्बे', 'डबे'],
]);

/** Pieces per dozen-like word. */
export const DOZEN_WORDS = set(['dozen', 'dozens', 'doz', 'dz', 'darjan', 'dazan', 'दर्जन']);

/** Words meaning "the SKU's sales unit" whatever the SKU sells in. */
export const PACK_WORDS = set([
  'case',
  'cases',
  'cs',
  'cse',
  'ctn',
  'ctns',
  'carton',
  'cartons',
  'cartoon',
  'box',
  'boxes',
  'bx',
  'bag',
  'bags',
  'bori',
  'bora',
  'boriyan',
  'boriya',
  'peti',
  'petti',
  'petiyan',
  'petiya',
  'dabba',
  'dabbe',
  'dibba',
  'dibbe',
  'tin',
  'tins',
  'drum',
  'drums',
  'bundle',
  'bundles',
  'roll',
  'rolls',
  'coil',
  'coils',
  'crate',
  'crates',
  'tray',
  'trays',
  'outer',
  'outers',
  'shipper',
  'sack',
  'sacks',
  'jar',
  'jars',
  'bucket',
  'buckets',
  'can',
  'cans',
  'pail',
  'pails',
  'set',
  'sets',
  'pair',
  'pairs',
  // bundles, sacks and cartons as written across the country
  'bdl',
  'bdls',
  'bndl',
  'bndls',
  'katta',
  'katte',
  'कट्टा',
  'कट्टे',
  'poti',
  'पोती',
  'goni',
  'gooni',
  'गोणी',
  'गोनी',
  'chila',
  'mootai',
  'bosta',
  'cartn',
  'crtn',
  'bkt',
  // the sack in Malayalam and Marathi, the bag in Gujarati; "pr" for pairs; a bucket misspelt
  'chakku',
  'chaakku',
  'pishvi',
  'pishvya',
  'pishavi',
  'thelo',
  'thela',
  'bastha',
  'pr',
  'prs',
  'buket',
  'ream',
  'reams',
  'डब्बे',
  'डिब्बे',
  'पेटी',
  'बोरी',
  'बोरा',
  'डब्बा',
  'डिब्बा',
  'डबे',
  'कार्टन',
  'बैग',
  'टिन',
  'केस',
]);

/** Words meaning single pieces, converted to sales units through pack_size. */
export const PIECE_WORDS = set([
  'pcs',
  'pc',
  'piece',
  'pieces',
  'nos',
  'no',
  'nag',
  'units',
  'unit',
  'pkt',
  'pkts',
  'packet',
  'packets',
  'pack',
  'packs',
  'bottle',
  'bottles',
  'btl',
  'btls',
  'tube',
  'tubes',
  'bar',
  'bars',
  'pouch',
  'pouches',
  'sachet',
  'sachets',
  'strip',
  'strips',
  'patta',
  'patte',
  'tab',
  'tabs',
  'vial',
  'vials',
  'ampoule',
  'ampoules',
  'ampule',
  'ampules',
  // "amp" is an ampoule where no product is rated in amperes (read-segment decides)
  'amp',
  'amps',
  'nang',
  // Malayalam "count" ("4 ennam", "എണ്ണം")
  'ennam',
  // Bengali and Odia count words after a number ("dasa ta", "6 ti", "5 gota")
  'ta',
  'ti',
  'gota',
  'pakit',
  'पाकीट',
  'पीस',
  'पैकेट',
  'बोतल',
]);

export type MeasureKind =
  | 'weight'
  | 'volume'
  | 'length'
  | 'current'
  | 'power'
  | 'voltage'
  | 'strength'
  | 'area'
  | 'percent';

/** Measure units → kind and factor to the kind's base (g, ml, mm, mA, W, V, mg, sq mm, %). */
export const MEASURE_UNITS = new Map<string, { kind: MeasureKind; factor: number }>([
  ...(['g', 'gm', 'gms', 'gr', 'gram', 'grams', 'gramme', 'grm', 'ग्राम'] as const).map(
    (w) => [transliterateWord(w), { kind: 'weight' as const, factor: 1 }] as const,
  ),
  ...(['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'किलो'] as const).map(
    (w) => [transliterateWord(w), { kind: 'weight' as const, factor: 1000 }] as const,
  ),
  ...(['ml', 'mls', 'मिली'] as const).map(
    (w) => [transliterateWord(w), { kind: 'volume' as const, factor: 1 }] as const,
  ),
  ...(
    [
      'l',
      'lt',
      'ltr',
      'ltrs',
      'litre',
      'litres',
      'liter',
      'liters',
      'lit',
      'litar',
      'litre',
      'लीटर',
    ] as const
  ).map((w) => [transliterateWord(w), { kind: 'volume' as const, factor: 1000 }] as const),
  ['mm', { kind: 'length', factor: 1 }],
  ['cm', { kind: 'length', factor: 10 }],
  ['m', { kind: 'length', factor: 1000 }],
  ['mtr', { kind: 'length', factor: 1000 }],
  ['mtrs', { kind: 'length', factor: 1000 }],
  ['meter', { kind: 'length', factor: 1000 }],
  ['metre', { kind: 'length', factor: 1000 }],
  ['meters', { kind: 'length', factor: 1000 }],
  ['inch', { kind: 'length', factor: 25.4 }],
  ['inches', { kind: 'length', factor: 25.4 }],
  ['ft', { kind: 'length', factor: 304.8 }],
  ['feet', { kind: 'length', factor: 304.8 }],
  ['a', { kind: 'current', factor: 1000 }],
  ['amp', { kind: 'current', factor: 1000 }],
  ['amps', { kind: 'current', factor: 1000 }],
  ['ampere', { kind: 'current', factor: 1000 }],
  ['ma', { kind: 'current', factor: 1 }],
  ['w', { kind: 'power', factor: 1 }],
  ['watt', { kind: 'power', factor: 1 }],
  ['watts', { kind: 'power', factor: 1 }],
  ['kw', { kind: 'power', factor: 1000 }],
  ['v', { kind: 'voltage', factor: 1 }],
  ['volt', { kind: 'voltage', factor: 1 }],
  ['volts', { kind: 'voltage', factor: 1 }],
  ['mg', { kind: 'strength', factor: 1 }],
  ['mcg', { kind: 'strength', factor: 0.001 }],
  ['sqmm', { kind: 'area', factor: 1 }],
]);

/** Colour words: a colour is a variant, never a mere description. */
export const COLOUR_WORDS = set([
  'white',
  'black',
  'red',
  'blue',
  'green',
  'yellow',
  'orange',
  'pink',
  'purple',
  'violet',
  'brown',
  'grey',
  'gray',
  'cream',
  'ivory',
  'beige',
  'silver',
  'golden',
  'maroon',
  'navy',
  'teal',
  'magenta',
  'cyan',
  'safed',
  'lal',
  'neela',
  'hara',
  'peela',
  'gulabi',
  'jamuni',
  'bhura',
]);

/** "chhota wala", "the big one": the smallest or largest size of a family. */
export const SMALL_WORDS = set([
  'small',
  'smaller',
  'smallest',
  'mini',
  'chhota',
  'chota',
  'chhoti',
  'choti',
  'chhote',
  'chote',
  'छोटा',
  'छोटी',
]);
export const BIG_WORDS = set([
  'big',
  'bigger',
  'biggest',
  'large',
  'bada',
  'bara',
  'badi',
  'bari',
  'bade',
  'bare',
  'बड़ा',
  'बड़ी',
]);

/** Words that make a number a price point: "Rs 10", "10 rupaye", "₹20". */
export const CURRENCY_WORDS = set([
  'rs',
  'rs.',
  'inr',
  'rupee',
  'rupees',
  'rupaye',
  'rupay',
  'rupiya',
  'rupya',
  'rupye',
  'रुपये',
  'रुपए',
]);

/** "10 wala": the number names a variant (size or price), not a quantity. */
export const VARIANT_MARKERS = set([
  'wala',
  'wali',
  'wale',
  'vala',
  'vali',
  'waala',
  'वाला',
  'वाली',
  'वाले',
]);

/**
 * Containers that tell products apart: wire comes in coils, paint in tins and buckets, syrup in
 * bottles. Words of one family are one container; generic packing words (case, box, carton,
 * peti, pack, piece) are in none, since any product may be packed in them.
 */
const UNIT_FAMILIES: Record<string, string[]> = {
  coil: ['coil', 'coils'],
  roll: ['roll', 'rolls'],
  bundle: ['bundle', 'bundles', 'bandal', 'bundal', 'bndl', 'gaddi'],
  drum: ['drum', 'drums'],
  bucket: ['bucket', 'buckets', 'bkt', 'bkts', 'pail', 'pails', 'balti', 'buket'],
  tin: ['tin', 'tins', 'can', 'cans', 'टिन'],
  // the jar, the sack, the bottle and the pair as written in Indian scripts and spoken forms
  jar: ['jar', 'jars', 'jaar', 'जार', 'ஜார்', 'జార్', 'ജാർ'],
  sack: [
    ...['bag', 'bags', 'bori', 'bora', 'boriyan', 'boriya', 'sack', 'sacks', 'katta', 'katte'],
    ...['बोरी', 'बोरा', 'बैग', 'कट्टा', 'कट्टे'],
    // the sack in Marathi, Kannada, Tamil, Bengali and Telugu
    ...['goni', 'gooni', 'गोणी', 'गोनी', 'poti', 'पोती', 'chila', 'cheela', 'mootai'],
    ...['moottai', 'bosta', 'basta', 'sanchi'],
    ...['chakku', 'chaakku', 'pishvi', 'pishvya', 'pishavi', 'thelo', 'thela', 'bastha'],
    ...['బస్తా', 'బస్తాలు', 'ചാക്ക്', 'বস্তা', 'ಚೀಲ'],
  ],
  tonne: ['tonne', 'tonnes', 'ton', 'tons', 'mt', 'टन'],
  quintal: ['quintal', 'quintals', 'qtl', 'qtls', 'क्विंटल'],
  bottle: ['bottle', 'bottles', 'btl', 'btls', 'बोतल', 'botal', 'botals', 'বোতল'],
  tube: ['tube', 'tubes'],
  vial: ['vial', 'vials'],
  ampoule: ['ampoule', 'ampoules', 'ampule', 'ampules', 'amp', 'amps'],
  strip: ['strip', 'strips', 'patta', 'patte'],
  sachet: ['sachet', 'sachets', 'pouch', 'pouches'],
  pair: [
    ...['pair', 'pairs', 'jodi', 'jora', 'pr', 'prs', 'joda', 'jode', 'jodaa'],
    ...['जोड़ा', 'जोड़ी', 'জোড়া', 'ਜੋੜੀ', 'ਜੋੜਾ', 'ஜோடி'],
  ],
  length: ['length', 'lengths'],
};

const familyOf = new Map<string, string>();
for (const [family, words] of Object.entries(UNIT_FAMILIES))
  for (const word of words) familyOf.set(transliterateWord(word), family);

/** Generic packing words and their shorthand, by the name a catalog would give the unit. */
const PACKING_NAMES: Record<string, string[]> = {
  packet: ['packet', 'packets', 'pkt', 'pkts', 'pckt', 'packt', 'paiket', 'pakit', 'packit'],
  // a "peti" is the outer carton in Hindi, Marathi and Gujarati trade
  carton: [...CARTON_WORDS, 'peti', 'petti', 'petiyan', 'petiya', 'पेटी'],
  case: CASE_WORDS,
  box: ['box', 'boxes', 'bx', 'bxs'],
  pack: ['pack', 'packs', 'pk', 'pks'],
  piece: ['piece', 'pieces', 'pc', 'pcs', 'pce'],
  dozen: ['dozen', 'dozens', 'doz', 'dz'],
};
const packingName = new Map<string, string>();
for (const [name, words] of Object.entries(PACKING_NAMES))
  for (const word of words) packingName.set(word, name);

/**
 * What a unit word names, so "pkt" meets a SKU sold by the "packet" and "btls" one sold by the
 * "bottle": its container family or generic packing name, else the word itself.
 */
export function unitName(word: string): string {
  const w = transliterateWord(word.toLowerCase());
  const measure = MEASURE_UNITS.get(w);
  // "kg", "kilo" and "kgs" are one unit; so are "ltr" and "litre".
  if (measure) return `${measure.kind}:${measure.factor}`;
  return familyOf.get(w) ?? packingName.get(w) ?? w;
}

/** The container family of a unit word ("coils" → coil), or null for generic packing words. */
export function unitFamily(word: string): string | null {
  return familyOf.get(word.toLowerCase()) ?? null;
}
