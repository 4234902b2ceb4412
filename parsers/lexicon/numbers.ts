/**
 * Cardinal number words for the review policy's own, minimal reading of a quantity: one word
 * is one number. Compounds ("do sau", "twenty five") are left to the main reader; where only it
 * can read a quantity, the two readings cannot agree and a person looks.
 */
import type { WordList } from './lexicon.js';
import { tokenForm } from './lexicon.js';

const VALUES: Partial<Record<string, Record<string, number>>> = {
  en: {
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: 100,
  },
  hi: {
    ek: 1,
    do: 2,
    teen: 3,
    char: 4,
    chaar: 4,
    panch: 5,
    paanch: 5,
    chhe: 6,
    chhah: 6,
    saat: 7,
    aath: 8,
    nau: 9,
    das: 10,
    dus: 10,
    gyarah: 11,
    barah: 12,
    baarah: 12,
    pandrah: 15,
    tera: 13,
    terah: 13,
    chaudah: 14,
    solah: 16,
    satrah: 17,
    atharah: 18,
    unnis: 19,
    bees: 20,
    ikkis: 21,
    baees: 22,
    bais: 22,
    teis: 23,
    chaubis: 24,
    chaubees: 24,
    pachees: 25,
    pachchees: 25,
    pachis: 25,
    chhabbis: 26,
    sattais: 27,
    atthais: 28,
    untees: 29,
    tees: 30,
    pattees: 32,
    paintees: 35,
    chalis: 40,
    chaalis: 40,
    paintalis: 45,
    sattar: 70,
    assi: 80,
    nabbe: 90,
    pachas: 50,
    pachaas: 50,
    sau: 100,
  },
  'hi-Deva': {
    एक: 1,
    दो: 2,
    // तीन is left out: in Latin letters it is "tin", a container.
    चार: 4,
    पांच: 5,
    पाँच: 5,
    छह: 6,
    सात: 7,
    आठ: 8,
    नौ: 9,
    दस: 10,
    बारह: 12,
    बीस: 20,
    पचास: 50,
    सौ: 100,
  },
};

/** Number word (token form) → value, every language together. */
export const CARDINALS: ReadonlyMap<string, number> = new Map(
  Object.values(VALUES).flatMap((table) =>
    Object.entries(table ?? {}).map(([w, n]) => [tokenForm(w), n] as const),
  ),
);

/** The words, as a list like the others (for tests across lists). */
export const CARDINAL_WORDS: WordList = Object.fromEntries(
  Object.entries(VALUES).map(([tag, table]) => [tag, Object.keys(table ?? {})]),
);

/** Twelve of: a count in dozens is a count of pieces. */
export const DOZEN: WordList = {
  en: ['dozen', 'dozens', 'doz', 'dz'],
  hi: ['darjan'],
  'hi-Deva': ['दर्जन'],
};
