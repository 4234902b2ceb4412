/**
 * Finds a dealer named in a line: its code ("D003") or its trading name, written
 * loosely ("Agarwal Bros", "Ganpati Ent.", "Khan General (Nakhas)"). The name's rare
 * words must be there; common ones ("store", "traders") only add to it.
 */
import type { Directory } from './compile-directory.js';
import type { DealerEntry } from '../types.js';
import { normalizeText, tokenize, type Token } from '../text/tokenize.js';
import { spellingSkeleton, editDistance } from '../text/phonetic.js';

export interface DealerMention {
  dealer: DealerEntry;
  start: number;
  end: number;
}

function wordMatches(written: string, name: string): boolean {
  if (written === name) return true;
  if (written.length >= 3 && name.startsWith(written)) return true; // "ent"
  if (
    written.length >= 3 &&
    written.slice(0, 3) === name.slice(0, 3) &&
    isSubsequence(written, name)
  )
    return true; // "bros"
  if (
    written.length >= 6 &&
    name.length >= 6 &&
    editDistance(spellingSkeleton(written), spellingSkeleton(name), 1) <= 1
  )
    return true;
  return false;
}

const looseCache = new WeakMap<Directory, Map<string, string[]>>();

/** Dealer-name words a written word may stand for (exact, abbreviated, misspelt), cached. */
function nameWordsFor(directory: Directory, written: string): string[] {
  let cache = looseCache.get(directory);
  if (!cache) looseCache.set(directory, (cache = new Map()));
  let names = cache.get(written);
  if (!names) {
    names = directory.dealersByWord.has(written) ? [written] : [];
    if (written.length >= 3) {
      for (const name of directory.wordsByLetter.get(written[0] ?? '') ?? []) {
        if (name !== written && wordMatches(written, name)) names.push(name);
      }
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(written, names);
  }
  return names;
}

function isSubsequence(short: string, long: string): boolean {
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/**
 * The dealer a line names, or null when it names none or two fit the same words equally.
 * @param allowed when given (a rep's dealers), only these may be named.
 * @param excluded a dealer not to look for (the sender's own, when asking whom else it names).
 */
export function findDealerMention(
  directory: Directory,
  line: string,
  allowed?: Set<string>,
  excluded?: string,
): DealerMention | null {
  const tokens = tokenize(normalizeText(line));
  const byCode = codeMention(directory, tokens, allowed);
  if (byCode) return byCode;
  const scored = scoreNameMentions(directory, tokens, allowed, excluded);
  const best = scored.reduce<ScoredMention | null>(
    (a, m) => (!a || m.score > a.score ? m : a),
    null,
  );
  if (!best || scored.some((m) => m !== best && m.score >= best.score * TIE)) return null;
  return best;
}

/**
 * The first dealer named in a line that names several ("Nada Musicals: … Harmony Strings: …"):
 * names in different places, as fully written, are not rivals; only names read from the same
 * words are, and then the first place is undecided (null).
 */
export function firstDealerMention(
  directory: Directory,
  line: string,
  allowed: Set<string>,
): DealerMention | null {
  const tokens = tokenize(normalizeText(line));
  const byCode = codeMention(directory, tokens, allowed);
  const all = scoreNameMentions(directory, tokens, allowed);
  // only names as fully written as the best one: a loose match elsewhere ("chaar" for
  // "Champaran") is no name
  const top = Math.max(0, ...all.map((m) => m.score));
  const scored = all.filter((m) => m.score >= top * TIE);
  const first = scored.reduce<ScoredMention | null>(
    (a, m) => (!a || m.start < a.start ? m : a),
    null,
  );
  if (byCode && (!first || byCode.start <= first.start)) return byCode;
  if (!first) return null;
  const here = scored.filter((m) => m.start < first.end && first.start < m.end);
  const best = here.reduce((a, m) => (m.score > a.score ? m : a));
  return here.some((m) => m !== best && m.score >= best.score * TIE) ? null : best;
}

/** Two names read from the same words are a tie when the second scores this near the first. */
const TIE = 0.95;

interface ScoredMention extends DealerMention {
  score: number;
}

/** A dealer's code in the line ("D003", or "d" "003" as the tokenizer splits it). */
function codeMention(
  directory: Directory,
  tokens: readonly Token[],
  allowed?: Set<string>,
): DealerMention | null {
  for (const t of tokens) {
    const dealer = directory.byCode.get(t.norm) ?? (t.kind === 'word' ? undefined : undefined);
    if (dealer && (!allowed || allowed.has(dealer.code)))
      return { dealer, start: t.start, end: t.end };
  }
  // Codes are often letters+digits split by the tokenizer ("D003" → "d", "003").
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind === 'word' && b.kind === 'number' && a.end === b.start) {
      const dealer = directory.byCode.get(a.norm + b.raw);
      if (dealer && (!allowed || allowed.has(dealer.code)))
        return { dealer, start: a.start, end: b.end };
    }
  }
  return null;
}

/** Every dealer whose name the line has, loosely, with how much of the name it has. */
function scoreNameMentions(
  directory: Directory,
  tokens: readonly Token[],
  allowed?: Set<string>,
  excluded?: string,
): ScoredMention[] {
  const words = tokens.filter((t) => t.kind === 'word' && t.norm.length >= 2);
  const total = directory.dealers.length || 1;
  // Only dealers whose rarest name word the line has (loosely matched) are scored.
  const hitsByWord = words.map((t) => ({ token: t, names: nameWordsFor(directory, t.norm) }));
  const candidates = new Set<DealerEntry>();
  for (const { names } of hitsByWord)
    for (const n of names)
      for (const d of directory.dealersByRarestWord.get(n) ?? []) candidates.add(d);
  const scored: ScoredMention[] = [];
  for (const dealer of candidates) {
    if ((allowed && !allowed.has(dealer.code)) || dealer.code === excluded) continue;
    const nameWords = directory.nameWords.get(dealer.code) ?? [];
    if (nameWords.length === 0) continue;
    let have = 0;
    let all = 0;
    let rarestMatched = false;
    let rarest = Infinity;
    let span: Token[] = [];
    for (const w of nameWords) {
      const df = directory.wordDf.get(w) ?? 1;
      all += Math.log(1 + total / df);
      if (df < rarest) rarest = df;
    }
    for (const w of nameWords) {
      const df = directory.wordDf.get(w) ?? 1;
      const hit = hitsByWord.find((h) => h.names.includes(w))?.token;
      if (hit) {
        have += Math.log(1 + total / df);
        span.push(hit);
        if (df === rarest) rarestMatched = true;
      }
    }
    if (!rarestMatched || span.length === 0) continue;
    // Matched words must sit together, as a name does.
    span = span.sort((a, b) => a.start - b.start);
    if (span[span.length - 1]!.start - span[0]!.end > 25) continue;
    // "Shifa Medical" for "Shifa Medical & General Store": the name's first words, its rarest
    // among them and held by no other dealer, name it even when the common tail is left out.
    let leading = 0;
    while (
      leading < nameWords.length &&
      hitsByWord.some((h) => h.names.includes(nameWords[leading]!))
    )
      leading++;
    const byItsStart = leading >= 2 && rarest === 1;
    // "Octave Pune", "Manjunatha Anekal": the name's first word, rare, and the dealer's town
    // on file right after it.
    const town = leading >= 1 && rarest <= 2 ? townAfter(tokens, span.at(-1)!, dealer) : null;
    const score = Math.max(have / all, byItsStart || town ? 0.5 : 0);
    if (score < 0.5) continue;
    const end = town?.end ?? span[span.length - 1]!.end;
    scored.push({ dealer, score, start: span[0]!.start, end });
  }
  return scored;
}

/** How near after a name its town may be written ("Bhagyalaxmi KSK, Muktainagar"). */
const TOWN_WITHIN = 3;

/** The dealer's town on file ("Dhule (MH)": "dhule") among the few tokens after `last`. */
function townAfter(tokens: readonly Token[], last: Token, dealer: DealerEntry): Token | null {
  const town = dealer.region?.toLowerCase().match(/\p{L}{4,}/u)?.[0];
  if (!town) return null;
  const at = tokens.indexOf(last);
  return tokens.slice(at + 1, at + 1 + TOWN_WITHIN).find((t) => t.norm === town) ?? null;
}
