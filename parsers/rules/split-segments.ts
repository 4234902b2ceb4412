/**
 * Cuts a line into candidate order segments at commas, semicolons, "and"/"aur"/"&",
 * "+", ellipses and sentence ends — but not inside a product name that contains
 * "and", "&" or "plus" ("Hide & Seek", "Chusak Plus"), nor inside a decimal or "Rs.".
 */
import type { CompiledCatalog } from '../match/compile-catalog.js';
import { resolveTerms } from '../match/resolve-terms.js';
import { normalizeText } from '../text/tokenize.js';
import { hasIndicScript, transliterateWord } from '../text/transliterate.js';

/** Words and marks that join two order items (exported for the word-by-word reference test). */
export const JOINERS = new Set([
  'and',
  'aur',
  'or',
  '&',
  '+',
  'plus',
  'also',
  'n',
  transliterateWord('और'),
  'tatha',
  // "and" in Marathi, Gujarati, Kannada, Telugu, Bengali and Punjabi
  'ani',
  'aani',
  'ane',
  'mattu',
  'matthu',
  'mariyu',
  'ebong',
  'ar',
  'aar',
  'te',
  'ate',
]);

/** A joiner standing as a whole word in lower-cased text. */
const JOINER_WORD = new RegExp(
  `(?:^|\\s)(?:${[...JOINERS].map((j) => j.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=\\s|$)`,
);
/** Words apart by single spaces only: splitting on whitespace and joining with spaces changes nothing. */
const SINGLE_SPACED = /^(?:\S+ )*\S+$/;

/** Do the words around a joiner belong to one catalog name ("hide and seek")? */
function insideName(catalog: CompiledCatalog, left: string, right: string): boolean {
  const a = resolveTerms(catalog, left.toLowerCase());
  const b = resolveTerms(catalog, right.toLowerCase());
  if (a.length === 0 || b.length === 0) return false;
  const skusA = new Set(a.flatMap((h) => catalog.postings[h.term]!));
  return b.some((h) => catalog.postings[h.term]!.some((s) => skusA.has(s)));
}

const GROUPED_NUMBER = /(?<![\d,.])\d{1,3}(?:,\d\d)*,\d{3}(?![\d,])/g;
const HELD_COMMA = '\u0001';

export function splitSegments(catalog: CompiledCatalog, line: string): string[] {
  // "32,500", "1,00,000": a comma grouping a number's digits is no break (held apart meanwhile)
  const text = normalizeText(line).replace(GROUPED_NUMBER, (n) => n.replace(/,/g, HELD_COMMA));
  // Hard breaks: ; , … and sentence ends (a period not between digits and not after "rs"/"no";
  // the danda "।" that Hindi, Bengali and Punjabi end a sentence with; Urdu's "۔").
  const pieces = text
    .split(
      /[;,।॥۔]|…|\.{2,}|(?<!\b(?:rs|no|nos|st|ps|p\.s))\.(?!\d)(?=\s|$)|(?<=\D)(?<!\b(?:rs|no|nos|st|ps|p\.s))\.\s/i,
    )
    .map((p) => p.replaceAll(HELD_COMMA, ',').trim())
    .filter((p) => p.length > 0);
  const segments: string[] = [];
  // Only words in an Indian script ("और") need transliterating to be recognised as joiners.
  const indic = hasIndicScript(text);
  for (const piece of pieces) {
    // Most pieces hold no joiner word: they are one segment as they stand.
    if (!indic && !JOINER_WORD.test(piece.toLowerCase())) {
      segments.push(SINGLE_SPACED.test(piece) ? piece : piece.split(/\s+/).join(' '));
      continue;
    }
    const words = piece.split(/\s+/);
    let current: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const lw = indic ? transliterateWord(w.toLowerCase()) : w.toLowerCase();
      if (JOINERS.has(lw) && current.length > 0 && i + 1 < words.length) {
        const left = current[current.length - 1]!;
        const right = words[i + 1]!;
        const ampersandBeforeWord = w === '&' && !/^\d/.test(right);
        // "Chusak Plus 100ml": a joiner the catalog uses in a name with the word before it.
        if (
          !ampersandBeforeWord &&
          !insideName(catalog, left, right) &&
          !(w.length > 1 && insideName(catalog, left, w))
        ) {
          segments.push(current.join(' '));
          current = [];
          continue;
        }
      }
      current.push(w);
    }
    if (current.length > 0) segments.push(current.join(' '));
  }
  return segments;
}
