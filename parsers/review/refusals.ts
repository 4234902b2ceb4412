/**
 * Why the review policy would not let a draft go straight through: a closed set of codes, each
 * with the words that caused it. A draft goes through only when it has none.
 */
import type { ClosedClass } from '../lexicon/closed-classes.js';

export const REFUSAL_CODES = [
  /** A reading rule itself was unsure (its own reason is in `detail`). */
  'reader_doubt',
  /** Words no line, no dealer, no reference and no framing word explains. */
  'unexplained_words',
  /** A number that is no line's quantity or size and no recognised date, time, phone or reference. */
  'unexplained_number',
  /** A word that negates, cancels, returns, complains, asks, defers, corrects or points back. */
  'closed_class_word',
  /** A word the catalog uses for products, outside every line. */
  'product_word_outside_lines',
  /** A line whose words could not be found together in the message. */
  'line_not_located',
  /** A word inside a line's own words that is not a word of the product it became. */
  'line_word_not_of_product',
  /** A size in a line's words that the product it became does not have. */
  'size_not_of_product',
  /** A line's own words fit several products, or another product better. */
  'line_not_singled_out',
  /** A line's own words name no product: it took its product from elsewhere. */
  'line_borrows_product',
  /** The policy's own reading finds no single quantity in a line's words. */
  'quantity_unreadable',
  /** The policy's own reading of the quantity differs from the draft's. */
  'quantity_disagrees',
  /** An order line with no dealer, or a sender not on file. */
  'dealer_unresolved',
  /** A rep's words for a dealer could name more than one of the rep's dealers. */
  'dealer_ambiguous',
  /** The text names a dealer on file that is not the one the order is for. */
  'other_dealer_named',
  /** Lines are read but the message is not plainly an order (it also cancels, asks, ...). */
  'intent_mixed',
  /** An order with no line. */
  'no_lines',
  /** The reader could not tell what the message is for. */
  'intent_unclear',
  /** A message read as not an order that names products: a return, a complaint, an enquiry. */
  'products_in_non_order',
  /** A message read as not an order that holds quantities: goods the reader did not take as lines. */
  'quantities_in_non_order',
  /** The words of the message point at another kind of request than the one read. */
  'intent_cues_disagree',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** The words (as written) that caused it. */
  words: string[];
  /** For a person: what is wrong, in one sentence. */
  message: string;
  /** The closed class of the words, for `closed_class_word`. */
  wordClass?: ClosedClass;
  /** The reader's own reason code, for `reader_doubt`. */
  detail?: string;
}
