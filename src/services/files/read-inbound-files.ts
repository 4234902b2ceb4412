/**
 * Before a message with files is parsed: each file is fetched (Cloud API media by id; whatsapp-web
 * handed the bytes over at intake), checked (size per kind, type by magic bytes: src/domain/files/
 * file-policy.ts) and read — order sheets by the order-sheet reader email uses
 * (src/channels/email/read-attachment.ts), photos by OCR after clean-up, voice notes by
 * speech-to-text when configured. Each file is settled on its own row as it goes, so a retry
 * (a failed download, a crashed worker) redoes only what is left. Once every file is settled,
 * what they said is composed into the message (one transaction, the message row locked) and
 * `files_read_at` set: from then on the message is parsed like any other.
 *
 * A fetch or an engine that keeps failing is given up after `maxAttempts` tries: the file is
 * settled as unavailable or unreadable, and a person sees the message.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CloudMedia } from '../../channels/whatsapp-cloud/download-cloud-media.js';
import { readAttachment } from '../../channels/email/read-attachment.js';
import { toJson } from '../../db/json.js';
import type { DB, JsonValue } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { sanitizeInboundText } from '../../domain/inbound-text.js';
import {
  formatSize,
  judgeFile,
  limitFor,
  type FileLimits,
} from '../../domain/files/file-policy.js';
import type { OcrEngine } from '../../files/ocr/ocr-engine.js';
import { prepareImage } from '../../files/ocr/prepare-image.js';
import { sniffFile } from '../../files/sniff-file.js';
import type { Transcriber } from '../../files/speech/transcriber.js';
import {
  countFileAttempt,
  findInboundFile,
  listMessageFiles,
  settleInboundFile,
  type InboundFileInfo,
  type SettleFileInput,
} from '../../repositories/inbound-file.repository.js';
import { composeFileMessage, type ComposableFile } from './compose-file-message.js';
import { fileReadingSchema, type FileReadingRecord } from './file-reading.js';

export interface FileReaders {
  limits: FileLimits;
  /** null: photos are kept for a person, not read. */
  ocr: OcrEngine | null;
  /** 0-100: OCR'd words below it keep a draft for a person. */
  minConfidence: number;
  /** null: voice notes wait for a person to listen. */
  transcriber: Transcriber | null;
  /** Downloads Cloud API media; null when the Cloud API is not configured. */
  cloudMedia: ((mediaId: string, maxBytes: number) => Promise<CloudMedia>) | null;
  /** Tries per file before a failing fetch or engine is given up. Default 5. */
  maxAttempts?: number;
}

export interface ReadInboundFilesDeps {
  db: Kysely<DB>;
  readers: FileReaders;
  log: Logger;
}

/** 'none': no files, or already read; 'read': the message now says what its files said. */
export async function readInboundFiles(
  deps: ReadInboundFilesDeps,
  messageId: string,
): Promise<'none' | 'read'> {
  // Most messages have no file: one indexed look-up settles them.
  const files = await listMessageFiles(deps.db, [messageId]);
  if (files.length === 0) return 'none';
  const message = await deps.db
    .selectFrom('inbound_messages')
    .select(['status', 'files_read_at'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!message || message.status !== 'received' || message.files_read_at !== null) return 'none';
  for (const file of files) {
    if (file.status === 'pending') await settleFile(deps, file);
  }
  return composeMessage(deps, messageId);
}

async function settleFile(deps: ReadInboundFilesDeps, info: InboundFileInfo): Promise<void> {
  const { readers } = deps;
  const maxAttempts = readers.maxAttempts ?? 5;
  const attempts = await countFileAttempt(deps.db, info.id);
  const lastTry = attempts >= maxAttempts;
  const settle = (input: SettleFileInput) => settleInboundFile(deps.db, info.id, input);
  const limit = limitFor(info.kind, readers.limits);

  // 1. The bytes: kept at intake, or downloaded now.
  let content: Buffer | null = null;
  let downloaded = false;
  if (info.has_content) {
    content = (await findInboundFile(deps.db, info.id))?.content ?? null;
  } else if (info.media_id !== null && readers.cloudMedia !== null) {
    let media: CloudMedia;
    try {
      media = await readers.cloudMedia(info.media_id, limit);
    } catch (error) {
      if (!lastTry) throw error;
      return settle({
        status: 'refused',
        refusal: 'unavailable',
        detail: `download failed: ${message(error)}`,
      });
    }
    if (media.kind === 'too_large') {
      return settle({
        status: 'refused',
        refusal: 'too_large',
        detail: `${formatSize(media.size)}, over the ${formatSize(limit)} limit`,
        size: media.size,
      });
    }
    if (media.kind === 'gone')
      return settle({ status: 'refused', refusal: 'unavailable', detail: media.detail });
    content = media.content;
    downloaded = true;
  }
  const knownSize = info.size_bytes === null ? null : Number(info.size_bytes);
  if (content === null && knownSize !== null && knownSize > limit) {
    return settle({
      status: 'refused',
      refusal: 'too_large',
      detail: `${formatSize(knownSize)}, over the ${formatSize(limit)} limit`,
    });
  }
  if (content === null) {
    return settle({
      status: 'refused',
      refusal: 'unavailable',
      detail: 'the channel did not hand the file over',
    });
  }

  // 2. What the bytes are, and whether we take them.
  const sniffed = await sniffFile(content);
  const verdict = judgeFile(
    {
      size: content.length,
      ...sniffed,
      declaredType: info.declared_type,
      filename: info.filename,
    },
    readers.limits,
  );
  const kept = {
    sniffedType: sniffed.sniffedType,
    size: content.length,
    ...(downloaded ? { content } : {}),
  };
  if (!verdict.taken) {
    // A file refused for its size is not stored; one of the wrong type is kept (never served).
    const bytes = verdict.refusal === 'too_large' ? { content: null } : kept;
    deps.log.info(
      { fileId: info.id, refusal: verdict.refusal, detail: verdict.detail },
      'file refused',
    );
    return settle({
      status: 'refused',
      refusal: verdict.refusal,
      detail: verdict.detail,
      ...bytes,
    });
  }

  // 3. Read it.
  let reading: FileReadingRecord;
  try {
    if (verdict.reading === 'sheet') {
      const sheet = await readAttachment({
        filename: info.filename,
        contentType: verdict.contentType,
        content,
        maxBytes: readers.limits.document,
      });
      if (sheet.lines.length === 0) {
        return settle({ status: 'unreadable', detail: sheet.reason ?? 'no order lines', ...kept });
      }
      reading = { type: 'sheet', lines: sheet.lines, note: sheet.reason };
    } else if (verdict.reading === 'image') {
      if (readers.ocr === null) {
        return settle({ status: 'unreadable', detail: 'no OCR engine is configured', ...kept });
      }
      const prepared = await prepareImage(content);
      const ocr = await readers.ocr.recognise(prepared.png);
      if (ocr.text.trim() === '') {
        return settle({
          status: 'unreadable',
          detail: 'the OCR found no text in the photo',
          ...kept,
        });
      }
      reading = {
        type: 'ocr',
        text: ocr.text,
        words: ocr.words,
        width: ocr.width,
        height: ocr.height,
        engine: ocr.engine,
        deskewed_by: prepared.deskewedBy,
        min_confidence: readers.minConfidence,
      };
    } else {
      const transcript =
        readers.transcriber === null
          ? null
          : await readers.transcriber.transcribe(content, {
              filename: info.filename ?? `voice.${extensionOf(verdict.contentType)}`,
              contentType: verdict.contentType,
            });
      reading = {
        type: 'voice',
        transcript: transcript?.text ?? null,
        model: transcript?.model ?? null,
      };
    }
  } catch (error) {
    if (!lastTry) {
      // the bytes downloaded now are kept, so the retry does not fetch them again
      if (downloaded) await settle({ status: 'pending', ...kept });
      throw error;
    }
    const detail = `could not be read: ${message(error)}`;
    return settle(
      verdict.reading === 'audio'
        ? {
            status: 'read',
            reading: { type: 'voice', transcript: null, model: null },
            detail,
            ...kept,
          }
        : { status: 'unreadable', detail, ...kept },
    );
  }
  await settle({ status: 'read', reading: reading as unknown as JsonValue, ...kept });
}

async function composeMessage(
  deps: ReadInboundFilesDeps,
  messageId: string,
): Promise<'none' | 'read'> {
  return inTransaction(deps.db, async (trx) => {
    const message = await trx
      .selectFrom('inbound_messages')
      .select(['status', 'files_read_at', 'text', 'attachments', 'review_hold'])
      .where('id', '=', messageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message || message.status !== 'received' || message.files_read_at !== null) return 'none';
    const files = await listMessageFiles(trx, [messageId]);
    if (files.some((f) => f.status === 'pending')) return 'none';
    const composed = composeFileMessage({
      caption: message.text,
      attachments: message.attachments,
      files: files.map((f): ComposableFile => ({
        id: f.id,
        position: f.position,
        kind: f.kind,
        filename: f.filename,
        status: f.status,
        refusal: f.refusal,
        detail: f.detail,
        size: f.size_bytes === null ? null : Number(f.size_bytes),
        limit: limitFor(f.kind, deps.readers.limits),
        reading: readingOf(f.reading),
      })),
    });
    const text = sanitizeInboundText(composed.text);
    const hold = [message.review_hold, composed.reviewHold].filter((h) => h !== null).join(' ');
    await trx
      .updateTable('inbound_messages')
      .set({
        text: text.text,
        text_flags: text.flags,
        original_bytes: text.originalBytes,
        review_hold: hold === '' ? null : hold,
        attachments: toJson(composed.attachments),
        files_read_at: new Date(),
      })
      .where('id', '=', messageId)
      .execute();
    return 'read';
  });
}

function readingOf(value: unknown): FileReadingRecord | null {
  const parsed = fileReadingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function extensionOf(contentType: string): string {
  return contentType.split('/')[1]?.replace(/^x-/, '') ?? 'ogg';
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
