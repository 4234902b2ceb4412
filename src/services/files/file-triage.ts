/**
 * What the parse step must do first about a message's files (src/services/process-parse.ts):
 * a refused file is answered with why (and the message waits for a person, so nothing is
 * lost); a message whose files gave no text waits for a person with a "received" reply instead
 * of an "empty message" one. Pure: the message row in, a verdict out.
 */
import type { FileRefusal, JsonValue } from '../../db/schema.js';
import { fileSummaries } from './file-reading.js';

export type FileTriage =
  | {
      kind: 'refused';
      refusal: FileRefusal;
      size: number | null;
      limit: number | null;
      reason: string;
    }
  | { kind: 'for_a_person'; voice: boolean; reason: string };

export function triageFiles(message: {
  attachments: readonly JsonValue[];
  text_flags: readonly string[];
  review_hold: string | null;
}): FileTriage | null {
  const files = fileSummaries(message.attachments);
  if (files.length === 0) return null;
  const refused = files.find((f) => f.file_status === 'refused');
  if (refused?.refusal) {
    return {
      kind: 'refused',
      refusal: refused.refusal,
      size: refused.size,
      limit: refused.limit,
      reason:
        `a file was refused (${refused.refusal.replace('_', ' ')}): ${refused.detail ?? ''}`.trim(),
    };
  }
  if (message.text_flags.includes('empty')) {
    return {
      kind: 'for_a_person',
      voice: files.some((f) => f.read_as === 'voice'),
      reason: message.review_hold ?? 'nothing could be read from the files',
    };
  }
  return null;
}

/** OCR'd words below the confidence bar, over all of the message's photos. */
export function unsureWords(attachments: readonly JsonValue[]): string[] {
  return fileSummaries(attachments).flatMap((f) => f.unsure_words);
}
