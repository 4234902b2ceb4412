/**
 * A spelling skeleton: folds the ways one word gets written in Latin script
 * (double letters, long vowels, aspirates, c/k/s, w/v, z/j) so that "santur" and
 * "santoor", "detol" and "dettol", "ghadi" and transliterated "घड़ी" meet.
 */
const skeletons = new Map<string, string>();

export function spellingSkeleton(word: string): string {
  const cached = skeletons.get(word);
  if (cached !== undefined) return cached;
  const s = computeSkeleton(word);
  if (skeletons.size > 100_000) skeletons.clear();
  skeletons.set(word, s);
  return s;
}

function computeSkeleton(word: string): string {
  let s = word.toLowerCase();
  s = s
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c(?!h)/g, 'k')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/ee|ii|ie/g, 'i')
    .replace(/oo|uu|ou/g, 'u')
    .replace(/aa/g, 'a')
    .replace(/([bdgkpt])h/g, '$1')
    .replace(/sh/g, 's')
    .replace(/(.)\1+/g, '$1');
  if (s.length > 3) s = s.replace(/[ae]$/, '');
  return s;
}

/** Three rows of the distance table, reused from call to call (grown for longer words). */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions:
 * "lable" → "label" is one edit), abandoning early once `max` is exceeded.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0]!.length <= n) rows = rows.map(() => new Int32Array(2 * (n + 1)));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (
        i > 1 &&
        j > 1 &&
        ai === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Edits allowed between two spellings of a word of this length. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}
