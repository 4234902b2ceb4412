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

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions:
 * "lable" → "label" is one edit), abandoning early once `max` is exceeded.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
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
