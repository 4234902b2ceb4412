/**
 * What was read from a file (`inbound_files.reading`), one shape per way of reading, and the
 * summary of each file kept on the message (`inbound_messages.attachments`) for the parse step.
 * zod reads them back from JSON: these are the only definitions of their shapes.
 */
import { z } from 'zod';
import { FILE_REFUSALS, INBOUND_FILE_STATUSES } from '../../db/schema.js';

const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const fileReadingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sheet'),
    /** Order lines, as the order-sheet reader writes them. */
    lines: z.array(z.string()),
    /** The reader's remark (only the first lines read, ...); null: none. */
    note: z.string().nullable(),
  }),
  z.object({
    type: z.literal('ocr'),
    text: z.string(),
    words: z.array(z.object({ text: z.string(), confidence: z.number(), box, line: z.number() })),
    /** The size of the cleaned image the boxes are in. */
    width: z.number(),
    height: z.number(),
    engine: z.string(),
    deskewed_by: z.number(),
    /** Words below this confidence (0-100) keep an order for a person. */
    min_confidence: z.number(),
  }),
  z.object({
    type: z.literal('voice'),
    /** null: no speech-to-text is configured (or it failed): a person listens. */
    transcript: z.string().nullable(),
    model: z.string().nullable(),
  }),
]);
export type FileReadingRecord = z.infer<typeof fileReadingSchema>;

/** One file as the message's `attachments` entry says it went (beside the channel's own fields). */
export const fileSummarySchema = z.looseObject({
  file_id: z.string(),
  file_status: z.enum(INBOUND_FILE_STATUSES),
  refusal: z.enum(FILE_REFUSALS).nullable(),
  detail: z.string().nullable(),
  size: z.number().nullable(),
  /** For a refusal for size: the limit that applied, bytes. */
  limit: z.number().nullable(),
  read_as: z.enum(['sheet', 'ocr', 'voice']).nullable(),
  /** OCR'd words below the confidence bar: each keeps the draft for a person if it is used. */
  unsure_words: z.array(z.string()),
});
export type FileSummary = z.infer<typeof fileSummarySchema>;

/** The file summaries among a message's attachments (other entries are the channel's alone). */
export function fileSummaries(attachments: readonly unknown[]): FileSummary[] {
  return attachments.flatMap((a) => {
    const parsed = fileSummarySchema.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
}
