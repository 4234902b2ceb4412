/**
 * Which files are taken and how each is read, decided from what the bytes are (magic bytes),
 * never from the name or the type the sender's phone declared: an executable renamed
 * `order.xlsx` is refused as not what it claims. Pure: sizes and sniffed types in, a verdict out.
 */
import type { FileRefusal, InboundFileKind } from '../../db/schema.js';

/** How a taken file is read: the order-sheet reader, OCR, or speech-to-text. */
export type FileReading = 'sheet' | 'image' | 'audio';

const CHANNEL_FILE_KINDS: Readonly<Record<string, InboundFileKind>> = {
  document: 'document',
  image: 'image',
  voice: 'voice',
  audio: 'audio',
  video: 'video',
};

/** The kind of a file by the media type a WhatsApp channel names it with ("ptt" aside). */
export function inboundFileKind(channelType: string): InboundFileKind {
  return CHANNEL_FILE_KINDS[channelType] ?? 'other';
}

export interface FileLimits {
  /** Largest file taken, bytes, per reading (sheets count as documents). */
  document: number;
  image: number;
  audio: number;
}

const SHEET_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const AUDIO_TYPES = new Set([
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
  'audio/amr',
  'audio/wav',
  'audio/x-wav',
  'audio/webm',
]);
const CSV_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
]);
/** Names and declared types of files we would read: a file claiming one must be one. */
const CLAIMS_READABLE =
  /\.(csv|xlsx|pdf|jpe?g|png|webp|ogg|opus|mp3|m4a|aac|amr|wav)$|^(image|audio)\/|spreadsheet|^application\/(pdf|csv)$|^text\/csv$/i;

/** Which size limit applies before the bytes are known: the channel's own word for the file. */
export function limitFor(kind: InboundFileKind, limits: FileLimits): number {
  if (kind === 'image') return limits.image;
  if (kind === 'voice' || kind === 'audio') return limits.audio;
  return limits.document;
}

export interface FileFacts {
  size: number;
  /** The MIME type magic bytes show; null when they show none (plain text, or unknown). */
  sniffedType: string | null;
  /** The bytes are UTF-8 text without NULs (a CSV has no magic bytes). */
  isText: boolean;
  declaredType: string | null;
  filename: string | null;
}

export type FileVerdict =
  | { taken: true; reading: FileReading; contentType: string }
  | { taken: false; refusal: FileRefusal; detail: string };

export function judgeFile(facts: FileFacts, limits: FileLimits): FileVerdict {
  const declared = (facts.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  const name = (facts.filename ?? '').trim().toLowerCase();
  const sniffed = facts.sniffedType;
  // "audio/ogg; codecs=opus": the parameters say more, the type decides
  const type = sniffed?.split(';')[0]!.trim() ?? null;
  let reading: FileReading | null = null;
  let contentType = sniffed ?? '';
  if (type !== null && SHEET_TYPES.has(type)) reading = 'sheet';
  else if (type !== null && IMAGE_TYPES.has(type)) reading = 'image';
  else if (type !== null && AUDIO_TYPES.has(type)) reading = 'audio';
  else if (type === null && facts.isText && (CSV_TYPES.has(declared) || name.endsWith('.csv'))) {
    reading = 'sheet';
    contentType = 'text/csv';
  }
  if (reading === null) {
    const what = sniffed ?? (facts.isText ? 'plain text' : 'unknown binary data');
    const claims = CLAIMS_READABLE.test(declared) || CLAIMS_READABLE.test(name);
    return claims
      ? {
          taken: false,
          refusal: 'type_mismatch',
          detail: `named or declared as ${facts.filename ?? declared} but the bytes are ${what}`,
        }
      : { taken: false, refusal: 'unsupported_type', detail: `not a file we read (${what})` };
  }
  const limit = reading === 'sheet' ? limits.document : limits[reading];
  if (facts.size > limit) {
    return {
      taken: false,
      refusal: 'too_large',
      detail: `${formatSize(facts.size)}, over the ${formatSize(limit)} limit`,
    };
  }
  return { taken: true, reading, contentType };
}

/** "30.0 MB", "512 KB": sizes as a dealer reads them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
