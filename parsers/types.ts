/**
 * The parser's own view of the world: plain data in, plain data out.
 * `src/` maps its records onto these shapes; nothing here knows a database.
 */
import { z } from 'zod';
import type { ReviewDecision } from './review/trace.js';

/** One sellable SKU as the parser needs it (a subset of the catalog CSV). */
export interface CatalogItem {
  sku: string;
  name: string;
  /** The sales unit an order line is counted in: case, bag, box, ... */
  unit: string;
  /** Pieces inside one sales unit (>= 1). */
  packSize: number;
  /** What one piece is called (packet, tube, ...), if known. */
  pieceUnit: string | null;
  aliases: string[];
  brand: string | null;
  category: string | null;
}

/** A dealer as the parser needs it: phones in E.164, emails lower-cased. */
export interface DealerEntry {
  code: string;
  name: string;
  phones: string[];
  emails: string[];
  region: string | null;
}

/** A sales rep who may order for the listed dealers. */
export interface RepEntry {
  code: string;
  name: string;
  phones: string[];
  emails: string[];
  dealers: string[];
  /**
   * Not a rep: a phone or email several dealers share (a family's two shops). It names none of
   * them; like a rep's, its message must name the dealer.
   */
  shared?: boolean;
}

export const channelSchema = z.enum(['whatsapp', 'email', 'transcript', 'webchat']);
export type Channel = z.infer<typeof channelSchema>;

/** One input line of the `parse` command (docs/parse-cli.md). */
export const parseRequestSchema = z.object({
  id: z.string().min(1),
  channel: channelSchema,
  from: z.string(),
  subject: z.string().nullish(),
  text: z.string(),
  received_at: z.string().nullish(),
});
export type ParseRequest = z.infer<typeof parseRequestSchema>;

export const intentSchema = z.enum(['order', 'order_status', 'balance', 'cancel', 'other']);
export type Intent = z.infer<typeof intentSchema>;

/** A candidate SKU offered to a reviewer for an unresolved mention. */
export interface Candidate {
  sku: string;
  name: string;
  score: number;
}

export interface DraftLine {
  sku: string;
  /** Quantity in the SKU's sales unit. */
  qty: number;
  /** The text this line was read from, for the reviewer. */
  source: string;
  /**
   * Pencilled in from several SKUs that fit the mention equally (an `ambiguous_product` doubt
   * with the same source stands beside it): a person or the dealer's answer settles it.
   */
  guess?: true;
}

export interface DraftOrder {
  dealer: string | null;
  lines: DraftLine[];
}

/** Something the parser could not settle: why the draft needs a person. */
export interface ReviewReason {
  code:
    | 'unknown_sender'
    | 'dealer_not_named'
    | 'dealer_unverified'
    | 'ambiguous_product'
    | 'unknown_product'
    | 'missing_quantity'
    | 'fractional_quantity'
    | 'refers_to_history'
    | 'missing_attachment'
    | 'unclear_intent'
    | 'leftover_text'
    | 'uncertain'
    | 'llm_suggested'
    /** Words read from a photo by OCR with a low confidence (parsers/review/recognition-doubts.ts). */
    | 'low_ocr_confidence'
    /** The review policy would not sign the draft off (see `review`). */
    | 'review_policy';
  message: string;
  source?: string;
  candidates?: Candidate[];
}

export interface ParseResult {
  intent: Intent;
  orders: DraftOrder[];
  confidence: number;
  /** Decided by the review policy alone (parsers/review/review-policy.ts). */
  needs_review: boolean;
  reasons: ReviewReason[];
  /** The policy's accounting: every token's role and every refusal. */
  review: ReviewDecision;
}
