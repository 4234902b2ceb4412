/**
 * What the parser asks a language model and what it accepts back. The answer is
 * untrusted input: it is parsed with `llmProposalSchema` (the same schema is sent as
 * the structured-output format) and then checked against the catalog by
 * `parseMessageWithLlm` before anything reaches a draft.
 */
import { z } from 'zod';

/**
 * One order line as the model reads it. Every field is nullable, not optional:
 * OpenAI structured outputs require every property to be present.
 */
export const llmProposedLineSchema = z.object({
  /** The mention text exactly as listed in the request. */
  mention: z.string(),
  sku: z.string().nullable(),
  qty: z.number().nullable(),
  /** The unit word written with the quantity ("case", "pcs", "dozen"), if any. */
  unit: z.string().nullable(),
});
export type LlmProposedLine = z.infer<typeof llmProposedLineSchema>;

export const llmProposalSchema = z.object({
  /** A dealer or shop name stated in the message; informational only, never decides the dealer. */
  dealer_name: z.string().nullable(),
  lines: z.array(llmProposedLineSchema),
});
export type LlmProposal = z.infer<typeof llmProposalSchema>;

/** One SKU of the catalog slice shown to the model. */
export interface CatalogSliceItem {
  sku: string;
  name: string;
  unit: string;
  packSize: number;
  pieceUnit: string | null;
}

/** A piece of the message the rules could not settle, with the SKUs it may mean. */
export interface UnresolvedMention {
  /** The text of the mention, as the rules read it (untrusted: it comes from the message). */
  text: string;
  /** SKU codes of the candidates, best first; each is in `LineProposalRequest.catalog`. */
  candidates: string[];
}

/** Everything a line proposer gets: never more than the relevant slice of the catalog. */
export interface LineProposalRequest {
  channel: string;
  /** The cleaned message text (quoted threads and signatures removed). Untrusted. */
  messageText: string;
  mentions: UnresolvedMention[];
  /** The candidate SKUs of `mentions` plus the SKUs already drafted: the only SKUs the model sees. */
  catalog: CatalogSliceItem[];
  /** Lines the rules already read, so the model does not repeat them. */
  drafted: { sku: string; qty: number }[];
}
