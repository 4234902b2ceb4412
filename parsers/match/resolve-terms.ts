/**
 * Maps one message word to catalog terms: exact, same spelling skeleton, a split
 * compound ("thumsup"), then bounded edit distance or a prefix ("soya" → "soyabean").
 * Results are cached per catalog; dealers repeat their words.
 */
import type { CompiledCatalog } from './compile-catalog.js';
import { doubleMetaphone } from 'double-metaphone';
import { allowedEdits, editDistance, spellingSkeleton } from '../text/phonetic.js';
import { SHORTHAND } from '../lexicon/units.js';
import { perCatalog } from './per-catalog.js';

export interface TermHit {
  term: number;
  /** 1 exact, 0.9 same skeleton or compound, 0.75 fuzzy, 0.6 prefix. */
  quality: number;
}

const caches = new WeakMap<CompiledCatalog, Map<string, TermHit[]>>();

export function resolveTerms(catalog: CompiledCatalog, word: string): TermHit[] {
  let cache = caches.get(catalog);
  if (!cache) {
    cache = new Map();
    caches.set(catalog, cache);
  }
  const cached = cache.get(word);
  if (cached) return cached;
  const hits = lookUp(catalog, word);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, hits);
  return hits;
}

/** Words of the catalog's brand names. */
const brandWords = perCatalog(
  (catalog) =>
    new Set(catalog.skus.flatMap((s) => (s.item.brand ?? '').toLowerCase().split(/\W+/))),
);

function lookUp(catalog: CompiledCatalog, word: string): TermHit[] {
  const exact = catalog.termIds.get(word);
  // Grades ("10:26:26", "15w40") match exactly or not at all: "12:32:16" is not a typo of it.
  if (/\d/.test(word))
    return exact !== undefined && catalog.postings[exact]!.length > 0
      ? [{ term: exact, quality: 1 }]
      : [];
  const longForms = SHORTHAND.get(word);
  if (longForms) {
    const hits = longForms
      .map((form) => catalog.termIds.get(form))
      .filter((term): term is number => term !== undefined && catalog.postings[term]!.length > 0)
      .map((term) => ({ term, quality: 0.9 }));
    // "laal" may be a word of some alias ("laal primer") and still mean red elsewhere.
    if (exact !== undefined && catalog.postings[exact]!.length > 0)
      hits.unshift({ term: exact, quality: 1 });
    if (hits.length > 0) return hits;
  }
  if (word.length < 4) {
    if (exact !== undefined && catalog.postings[exact]!.length > 0)
      return [{ term: exact, quality: 1 }];
    // "blu" → "blue": a short word missing only its last letter.
    if (word.length === 3 && /^[a-z]+$/.test(word)) {
      const hits = [...catalog.termIds.entries()]
        .filter(
          ([t, id]) => t.length === 4 && t.startsWith(word) && catalog.postings[id]!.length > 0,
        )
        .map(([, term]) => ({ term, quality: 0.6 }));
      return hits.length === 1 ? hits : [];
    }
    return [];
  }
  if (exact !== undefined && catalog.postings[exact]!.length > 0) {
    // "soya" is a word of its own and the start of "soyabean": both readings count.
    const longer = prefixHits(catalog, word, exact);
    return [{ term: exact, quality: 1 }, ...(longer.length <= 3 ? longer : [])];
  }
  // "nail" / "nails", "bulbs" / "bulb": the same word in the other number. Stems of four letters
  // or more, or three of a word no brand is named by ("bags" is "bag", "days" is not "Day").
  const otherNumber = [word + 's', word + 'es', word.endsWith('s') ? word.slice(0, -1) : '']
    .filter(
      (form) =>
        Math.min(form.length, word.length) >= 4 ||
        (form.length === 3 && word === form + 's' && !brandWords(catalog).has(form)),
    )
    .map((form) => catalog.termIds.get(form))
    .filter((term): term is number => term !== undefined && catalog.postings[term]!.length > 0);
  if (otherNumber.length > 0) return otherNumber.map((term) => ({ term, quality: 0.95 }));
  const skeleton = spellingSkeleton(word);
  // Two consonants are too little to call two spellings one word ("jod" is not "jodo").
  const same = skeleton.length >= 3 ? catalog.bySkeleton.get(skeleton) : undefined;
  if (same) return same.map((term) => ({ term, quality: 0.9 }));
  const compound = catalog.compounds.get(skeleton);
  if (compound) return compound.map((term) => ({ term, quality: 0.9 }));
  const max = allowedEdits(skeleton.length);
  const fuzzy: TermHit[] = [];
  const prefix: TermHit[] = [];
  for (const term of catalog.fuzzyBuckets.get(skeleton[0] ?? '') ?? []) {
    const other = catalog.skeletons[term]!;
    if (other.length >= 4 && editDistance(skeleton, other, max) <= max)
      fuzzy.push({ term, quality: 0.75 });
    else if (
      skeleton.length >= 4 &&
      other.length > skeleton.length + 1 &&
      other.startsWith(skeleton)
    ) {
      prefix.push({ term, quality: 0.6 });
    }
  }
  if (fuzzy.length > 0) return fuzzy;
  if (prefix.length > 0) return prefix.length <= 3 ? prefix : [];
  // Phonetic spellings ("santur", transliterated "primiyam"): same Double Metaphone code.
  if (!/^[a-z]+$/.test(word)) return [];
  const phonetic = new Map<number, TermHit>();
  // Short codes are common ("monday" and "mint" are both MNT): those must also look alike.
  for (const code of doubleMetaphone(word)) {
    if (code.length < 3) continue;
    for (const term of catalog.byPhonetic.get(code) ?? []) {
      const other = catalog.terms[term]!;
      if (other[0] !== word[0] || Math.abs(other.length - word.length) > 2) continue;
      const looseEdits = Math.max(2, Math.floor(skeleton.length / 3));
      if (
        code.length >= 4 ||
        editDistance(skeleton, catalog.skeletons[term]!, looseEdits) <= looseEdits
      ) {
        phonetic.set(term, { term, quality: 0.6 });
      }
    }
  }
  return phonetic.size <= 3 ? [...phonetic.values()] : [];
}

function prefixHits(catalog: CompiledCatalog, word: string, except: number): TermHit[] {
  const skeleton = spellingSkeleton(word);
  const hits: TermHit[] = [];
  for (const term of catalog.fuzzyBuckets.get(skeleton[0] ?? '') ?? []) {
    const other = catalog.skeletons[term]!;
    if (term !== except && other.length > skeleton.length + 1 && other.startsWith(skeleton))
      hits.push({ term, quality: 0.6 });
  }
  return hits;
}
