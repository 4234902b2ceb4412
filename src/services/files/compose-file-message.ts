/**
 * A message's files, once read, → the message the parser reads: lines read from order sheets
 * and photos go first under the sheet marker (as the email adapter writes them,
 * src/channels/email/read-email.ts), then a voice note's transcript, then the dealer's caption.
 * A file a person must look at (not readable, a voice note, a machine transcript) becomes a
 * review hold. Pure.
 */
import { SHEET_MARKER } from '../../../parsers/clean/sheet-marker.js';
import type {
  InboundFileKind,
  InboundFileStatus,
  FileRefusal,
  JsonObject,
  JsonValue,
} from '../../db/schema.js';
import type { FileReadingRecord, FileSummary } from './file-reading.js';

export interface ComposableFile {
  id: string;
  position: number;
  kind: InboundFileKind;
  filename: string | null;
  status: InboundFileStatus;
  refusal: FileRefusal | null;
  detail: string | null;
  size: number | null;
  /** The size limit that applied (for a refusal for size). */
  limit: number | null;
  reading: FileReadingRecord | null;
}

export interface ComposedMessage {
  text: string;
  /** Why a person must look, from the files; null: nothing from them. */
  reviewHold: string | null;
  attachments: JsonValue[];
}

export function composeFileMessage(input: {
  caption: string;
  /** The channel's attachment entries, by file position. */
  attachments: readonly JsonValue[];
  files: readonly ComposableFile[];
}): ComposedMessage {
  const readLines: string[] = [];
  const transcripts: string[] = [];
  const holds: string[] = [];
  for (const file of input.files) {
    const r = file.reading;
    if (r?.type === 'sheet') readLines.push(...r.lines);
    if (r?.type === 'ocr') readLines.push(...r.text.split('\n').filter((l) => l.trim() !== ''));
    if (r?.type === 'voice') {
      if (r.transcript !== null && r.transcript !== '') {
        transcripts.push(r.transcript);
        holds.push(
          `A voice note was written down by a speech-to-text model (${r.model ?? 'unknown'}): listen to it before confirming.`,
        );
      } else {
        holds.push('A voice note: listen to it and type what the dealer says.');
      }
    }
    if (file.status === 'unreadable') {
      holds.push(`The ${describe(file)} was not read: ${file.detail ?? 'no reason given'}.`);
    }
    if (r?.type === 'sheet' && r.note !== null) holds.push(`The ${describe(file)}: ${r.note}.`);
  }
  const body = [...transcripts, input.caption.trim()].filter((t) => t !== '').join('\n\n');
  const text =
    readLines.length > 0 ? `${SHEET_MARKER}\n${readLines.join('\n')}\n\n${body}`.trimEnd() : body;
  return {
    text,
    reviewHold: holds.length > 0 ? holds.join(' ') : null,
    attachments: input.files.map((file) => {
      const channel = input.attachments[file.position];
      const own: JsonObject =
        typeof channel === 'object' && channel !== null && !Array.isArray(channel) ? channel : {};
      return { ...own, ...summaryOf(file) } as unknown as JsonValue;
    }),
  };
}

function summaryOf(file: ComposableFile): FileSummary {
  const r = file.reading;
  return {
    file_id: file.id,
    file_status: file.status,
    refusal: file.refusal,
    detail: file.detail,
    size: file.size,
    limit: file.refusal === 'too_large' ? file.limit : null,
    read_as: r?.type ?? null,
    unsure_words:
      r?.type === 'ocr'
        ? r.words.filter((w) => w.confidence < r.min_confidence).map((w) => w.text)
        : [],
  };
}

function describe(file: ComposableFile): string {
  const what = file.kind === 'image' ? 'photo' : file.kind === 'voice' ? 'voice note' : 'file';
  return file.filename ? `${what} "${file.filename}"` : what;
}
