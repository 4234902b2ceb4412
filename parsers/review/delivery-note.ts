/**
 * "Delivery to our godown at Baikampady Industrial Area.", "Kindly confirm dispatch date.",
 * "Deliver at site after 4 PM, contact Mr. Gowda 98450 11223.": a sentence about where and when
 * the goods go is for dispatch and changes no line. Its words (`delivery-notes.ts`) are explained
 * only inside a sentence with a delivery word that holds no line and no doubt; a capitalised name
 * (a place, a transporter, a person to call) only there, and a number only as an address's
 * ("Plot 112", "4th Cross"), a time ("4 PM") or a postal code. Any other word is read as
 * anywhere else, so "dispatch mat karna", "deliver only half" or an unknown word still send the
 * draft to a person.
 */
import {
  ADDRESS_NUMBER_WORDS,
  DELIVERY_NOTE_WORDS,
  DELIVERY_WORDS,
} from '../lexicon/delivery-notes.js';
import { wordSet } from '../lexicon/lexicon.js';
import type { Token } from '../text/tokenize.js';
import { sentences } from './sentences.js';

const DELIVERY = wordSet(DELIVERY_WORDS);
const NOTE = new Set([...DELIVERY, ...wordSet(DELIVERY_NOTE_WORDS)]);
const ADDRESS_NUMBER = wordSet(ADDRESS_NUMBER_WORDS);
const ORDINAL_ENDS = new Set(['th', 'st', 'nd', 'rd']);
const CLOCK = new Set(['pm', 'am', 'baje']);

/** Does the text name a delivery at all (the quick test before reading sentences)? */
export function mentionsDelivery(tokens: readonly Token[]): boolean {
  return tokens.some((t) => DELIVERY.has(t.norm));
}

/** "4th", "Plot 112", "4 PM", "560099": a number an address or a time of day holds. */
function addressNumber(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (/^\d{6}$/.test(t.raw)) return true;
  const next = tokens[i + 1]?.norm ?? '';
  if (ORDINAL_ENDS.has(next) || CLOCK.has(next)) return true;
  let k = i - 1;
  while (k >= 0 && (tokens[k]!.raw === '.' || tokens[k]!.raw === ':')) k--;
  return k >= 0 && ADDRESS_NUMBER.has(tokens[k]!.norm);
}

/**
 * The indices of one line's tokens a delivery note explains. `free(i)` says the token is no
 * line's and no doubt's; `name(i)` that it may be a place's or a person's own name (capitalised,
 * no closed-class or catalog word). A sentence with any other word is still a note: those words
 * stay unexplained.
 */
export function deliveryNotes(
  tokens: readonly Token[],
  free: (i: number) => boolean,
  name: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  for (const at of sentences(tokens)) {
    if (!at.every(free) || !at.some((i) => DELIVERY.has(tokens[i]!.norm))) continue;
    for (const i of at) {
      const t = tokens[i]!;
      if (t.kind === 'symbol') continue;
      if (NOTE.has(t.norm) || (t.kind === 'number' ? addressNumber(tokens, i) : name(i)))
        out.push(i);
    }
  }
  return out;
}
