/**
 * Every prefix of every SKU code key, for the scan that looks for codes in a message: it stops
 * extending a run of tokens at the first key that starts no code. Most message words start none;
 * a set of ~10 prefixes per SKU answers that with cache misses, so a bit sketch of the prefixes'
 * hashes answers most "no"s first (a clear bit is proof) and the set only the rest.
 */
import { hasBit, setBit } from './attribute-table.js';

export interface CodePrefixes {
  all: Set<string>;
  /** One bit per hash value, a few bits per prefix. */
  sketch: Uint32Array;
  mask: number;
}

export function buildCodePrefixes(codeKeys: Iterable<string>): CodePrefixes {
  const all = new Set<string>();
  for (const key of codeKeys)
    for (let end = 1; end <= key.length; end++) all.add(key.slice(0, end));
  let bits = 1024;
  while (bits < all.size * 8) bits *= 2;
  const sketch = new Uint32Array(bits >>> 5);
  const mask = bits - 1;
  for (const prefix of all) setBit(sketch, hash(prefix) & mask);
  return { all, sketch, mask };
}

export function isCodePrefix(prefixes: CodePrefixes, key: string): boolean {
  return hasBit(prefixes.sketch, hash(key) & prefixes.mask) && prefixes.all.has(key);
}

/** FNV-1a over UTF-16 units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
