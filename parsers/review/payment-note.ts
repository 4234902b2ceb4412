/**
 * "Payment: 30 days from invoice.", "Payment Monday ko RTGS karte.", "pichla invoice 3345 ka
 * payment aaj NEFT kar diya": a sentence about paying is for accounts and changes no line. Its
 * words (`payment-notes.ts`) are explained only inside a sentence with a payment word that holds
 * no line and no doubt; every other word of it is read as anywhere else, so a "baad", "if",
 * "hold" or an unknown word there still sends the draft to review. A sentence asking for the bill
 * ("Kindly send the bill in duplicate.") is such a note too, and billing in the order's own
 * dealer's name ("Bill on Siddhivinayak Glass.") is read here as well.
 */
import {
  BILL_TO,
  BILLING_NOTE_WORDS,
  BILLING_WORDS,
  NOTE_WHEN_WORDS,
  NOTE_WORDS,
  PAYMENT_WORDS,
} from '../lexicon/payment-notes.js';
import { wordSet } from '../lexicon/lexicon.js';
import type { Token } from '../text/tokenize.js';
import { sentences } from './sentences.js';

const PAYMENT = wordSet(PAYMENT_WORDS);
const NOTE = new Set([...PAYMENT, ...wordSet(NOTE_WORDS), ...wordSet(NOTE_WHEN_WORDS)]);
const BILLING = wordSet(BILLING_WORDS);
// No word of time here: "kal bill bhejna" is about the goods as much as the bill.
const BILLING_NOTE = new Set([...BILLING, ...wordSet(BILLING_NOTE_WORDS)]);

/** Does the text name a payment or the bill at all (the quick test before reading sentences)? */
export function mentionsPayment(tokens: readonly Token[]): boolean {
  return tokens.some((t) => PAYMENT.has(t.norm) || BILLING.has(t.norm));
}

/**
 * The indices of one line's tokens that a payment or billing note explains. `free(i)` says the
 * token is no line's and no doubt's; a sentence with any other token is no note.
 */
export function paymentNotes(tokens: readonly Token[], free: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (const at of sentences(tokens)) {
    if (!at.every(free)) continue;
    const has = (words: ReadonlySet<string>) => at.some((i) => words.has(tokens[i]!.norm));
    const words = has(PAYMENT) ? NOTE : has(BILLING) ? BILLING_NOTE : null;
    if (words) for (const i of at) if (words.has(tokens[i]!.norm)) out.push(i);
  }
  return out;
}

const BILL = wordSet(BILL_TO.bill);
const BILL_AROUND = wordSet(BILL_TO.around);

/**
 * "Bill on Siddhivinayak Glass.": the indices of one line's tokens a bill-to sentence explains.
 * `free(i)` says the token is no line's and no doubt's; `names(i)` that it is the order's
 * dealer's name; `open(i)` that no role explains it yet
 * (anything else said — another name, a number, any other word — leaves the sentence as it is).
 */
export function billToOwnName(
  tokens: readonly Token[],
  free: (i: number) => boolean,
  names: (i: number) => boolean,
  open: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  for (const at of sentences(tokens)) {
    if (!at.every(free) || !at.some((i) => BILL.has(tokens[i]!.norm)) || !at.some(names)) continue;
    const left = at.filter((i) => open(i));
    if (left.every((i) => BILL.has(tokens[i]!.norm) || BILL_AROUND.has(tokens[i]!.norm)))
      out.push(...left);
  }
  return out;
}
