/**
 * The policy's accounting, for `parse --explain` and the console: every token of the text it
 * read, and the role it gave it.
 */
import type { ClosedClass } from '../lexicon/closed-classes.js';
import type { Refusal } from './refusals.js';

export type TokenRole =
  /** A word of the line's product: name, brand, alias, category, code, learned phrase. */
  | 'product'
  /** A size or number of the line's product ("70g", "650", "5 wala"). */
  | 'size'
  | 'quantity'
  /** The unit the quantity counts in ("cs", "pcs", "dozen", "x"). */
  | 'unit'
  /** A word naming the dealer the order is for, or the sender. */
  | 'dealer'
  | 'framing'
  /** A date, time, phone, document number or price, with its marker word. */
  | 'reference'
  | 'list_marker'
  | 'punctuation'
  /** A word of a sentence about paying, for accounts: it changes no line (`payment-note.ts`). */
  | 'payment_note'
  /** A word of a sentence about where and when the goods go: it changes no line (`delivery-note.ts`). */
  | 'delivery_note'
  /** A word telling what a message that orders nothing is about (status, balance, ...). */
  | 'intent_cue'
  /** "make" in a later mention that sets the line's quantity anew ("P.S. make septanest 8"). */
  | 'restates'
  /** Words of a mention a reading rule was already unsure of: that doubt accounts for them. */
  | 'doubted'
  /** A caller's word a reading rule could not place, which the agent's confirmed read-back has. */
  | 'read_back'
  | ClosedClass
  | 'unexplained';

export interface TokenAccount {
  text: string;
  role: TokenRole;
  /** Which line of the read text (0-based). */
  line: number;
  /** Which draft line it belongs to (0-based over all orders' lines), if any. */
  order_line?: number;
}

export interface ReviewDecision {
  needsReview: boolean;
  /** 0..1: how much of the message the lines explain (through), or how much was refused (review). */
  confidence: number;
  refusals: Refusal[];
  /** Every token and its role; empty when a reading rule's doubt decided before any accounting. */
  tokens: TokenAccount[];
  /** The words were accounted for (always, for a draft that goes through or with `everyRefusal`). */
  accounted: boolean;
}
