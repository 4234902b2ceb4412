/**
 * Maps one message word to catalog terms: exact, same spelling skeleton, a split
 * compound ("thumsup"), then bounded edit distance or a prefix ("soya" → "soyabean").
 * Results are cached per catalog; dealers repeat their words.
 */
import type { CompiledCatalog } from './compile-catalog.js';
import { allowedEdits, editDistance, spellingSkeleton } from '../text/phonetic.js';

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

function lookUp(catalog: CompiledCatalog, word: string): TermHit[] {
  const exact = catalog.termIds.get(word);
  if (exact !== undefined && catalog.postings[exact]!.length > 0) return [{ term: exact, quality: 1 }];
  if (word.length < 4) return [];
  const skeleton = spellingSkeleton(word);
  const same = catalog.bySkeleton.get(skeleton);
  if (same) return same.map((term) => ({ term, quality: 0.9 }));
  const compound = catalog.compounds.get(skeleton);
  if (compound) return compound.map((term) => ({ term, quality: 0.9 }));
  const max = allowedEdits(skeleton.length);
  const fuzzy: TermHit[] = [];
  const prefix: TermHit[] = [];
  for (const term of catalog.fuzzyBuckets.get(skeleton[0] ?? '') ?? []) {
    const other = catalog.skeletons[term]!;
    if (other.length >= 4 && editDistance(skeleton, other, max) <= max) fuzzy.push({ term, quality: 0.75 });
    else if (skeleton.length >= 4 && other.length > skeleton.length + 1 && other.startsWith(skeleton)) {
      prefix.push({ term, quality: 0.6 });
    }
  }
  if (fuzzy.length > 0) return fuzzy;
  return prefix.length <= 3 ? prefix : [];
}
