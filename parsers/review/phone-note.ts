/**
 * "ye mera naya number hai", "calling from my other number", "idhu en 2nd number", "eh mere bhra
 * da number": a sender saying which phone the message comes from changes nothing in the order
 * (the dealer is still checked by name and phone as everywhere). Such a note is framing: a kind
 * of phone (new, other, 2nd, a relative's) right before "number" or "phone", and the small words
 * around it in the same sentence (this, my, is, from, save). The word lists: `PHONE_NOTE`.
 */
import { PHONE_NOTE } from '../lexicon/framing.js';
import { tokenForm, wordSet } from '../lexicon/lexicon.js';
import type { Token } from '../text/tokenize.js';

const PHONE = new Set(PHONE_NOTE.phone.map(tokenForm));
const WHICH = wordSet(PHONE_NOTE.which);
const WHOSE = wordSet(PHONE_NOTE.whose);
const AROUND = wordSet(PHONE_NOTE.around);
const OF = new Set(['da', 'di', 'ka', 'ki', 'ke', 'cha', 'chi', 'nu']);
const ORDINAL = /^(1st|2nd|3rd)$/;
const SENTENCE_ENDS = new Set(['.', '?', '!', ';']);

/** A word for the phone itself: no note without one. */
export function isPhoneWord(form: string): boolean {
  return PHONE.has(form);
}

/** Where the note's kind of phone starts, for "number" at `k`; -1 when it is no note. */
function noteStart(tokens: readonly Token[], k: number): number {
  const at = (i: number) => tokens[i]?.norm ?? '';
  if (WHICH.has(at(k - 1)) || WHOSE.has(at(k - 1))) return k - 1;
  // "2nd number": the tokenizer splits the ordinal
  if (ORDINAL.test(at(k - 2) + at(k - 1)) && tokens[k - 2]!.end === tokens[k - 1]!.start)
    return k - 2;
  // "mere bhra da number", "bhai ka number"
  if (OF.has(at(k - 1)) && WHOSE.has(at(k - 2))) return k - 2;
  return -1;
}

/**
 * The indices of one line's tokens that make phone notes. `passes(i)` says a token already
 * framing or a comma, which a note may reach across to its other words; a sentence's end or
 * any other word stops it.
 */
export function phoneNotes(tokens: readonly Token[], passes: (i: number) => boolean): number[] {
  const out: number[] = [];
  tokens.forEach((t, k) => {
    if (!PHONE.has(t.norm)) return;
    const start = noteStart(tokens, k);
    if (start < 0) return;
    for (let i = start; i <= k; i++) out.push(i);
    const reach = (i: number, step: number) => {
      for (; tokens[i] && !SENTENCE_ENDS.has(tokens[i]!.raw); i += step) {
        if (AROUND.has(tokens[i]!.norm)) out.push(i);
        else if (!passes(i)) return;
      }
    };
    reach(start - 1, -1);
    reach(k + 1, 1);
  });
  return out;
}
