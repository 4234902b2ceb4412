/**
 * One whatsapp-web.js message → what ingestion stores, or why it is skipped.
 * Skipped: our own messages, status updates and broadcasts, newsletters,
 * groups (unless allowed), and kinds that carry no order (reactions,
 * notifications, calls, revoked messages, ...). Documents (CSV/XLSX/PDF
 * order sheets) are downloaded and kept with their content up to a size
 * cap; images and voice notes are kept as metadata (type, size) only.
 */
import type { JsonObject } from '../../db/schema.js';
import type { WwebMessage } from './wweb-client.js';

export interface ReadWwebMessageOptions {
  /** Take messages written in groups (sender: the participant). Default false. */
  allowGroups?: boolean;
  /** Largest document kept with its content, bytes. Default 5 MiB. */
  maxDocumentBytes?: number;
}

export type ReadWwebMessageResult =
  | {
      ok: true;
      externalId: string;
      /** E.164 when the id carries a phone number; else the WhatsApp id as is. */
      sender: string;
      text: string;
      attachments: JsonObject[];
      receivedAt: Date;
    }
  | { ok: false; skipped: string };

const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'application/pdf': 'pdf',
};

const MEDIA_KINDS: Readonly<Record<string, string>> = {
  document: 'document',
  image: 'image',
  ptt: 'voice',
  audio: 'audio',
  video: 'video',
};

export async function readWwebMessage(
  message: WwebMessage,
  options: ReadWwebMessageOptions = {},
): Promise<ReadWwebMessageResult> {
  if (message.fromMe || message.id.fromMe) return { ok: false, skipped: 'own message' };
  if (message.isStatus === true || message.from === 'status@broadcast') {
    return { ok: false, skipped: 'status update' };
  }
  if (message.broadcast === true || message.from.endsWith('@broadcast')) {
    return { ok: false, skipped: 'broadcast' };
  }
  if (message.from.endsWith('@newsletter')) return { ok: false, skipped: 'newsletter' };
  const group = message.from.endsWith('@g.us');
  if (group && options.allowGroups !== true) return { ok: false, skipped: 'group message' };
  const kind = message.type === 'chat' ? 'text' : MEDIA_KINDS[message.type];
  if (kind === undefined) return { ok: false, skipped: `message type ${message.type}` };

  const senderId = group ? (message.author ?? '') : message.from;
  if (senderId === '') return { ok: false, skipped: 'group message without an author' };
  const sender = await senderPhone(message, senderId);

  const attachments: JsonObject[] = [];
  if (kind !== 'text' && message.hasMedia) {
    attachments.push(await readMedia(message, kind, options.maxDocumentBytes ?? 5 * 1024 * 1024));
  }
  return {
    ok: true,
    externalId: message.id._serialized,
    sender,
    text: message.body,
    attachments,
    receivedAt: message.timestamp > 0 ? new Date(message.timestamp * 1000) : new Date(),
  };
}

/** `919876543210@c.us` → `+919876543210`; a `@lid` id asks the contact for its number. */
async function senderPhone(message: WwebMessage, wid: string): Promise<string> {
  const [user = '', server = ''] = wid.split('@');
  if (server === 'c.us' && /^\d{6,15}$/.test(user)) return `+${user}`;
  if (message.getContact !== undefined && wid === message.from) {
    try {
      const number = (await message.getContact()).number;
      if (number != null && /^\d{6,15}$/.test(number)) return `+${number}`;
    } catch {
      // the contact lookup is best effort; the raw id still identifies the chat
    }
  }
  return wid;
}

async function readMedia(
  message: WwebMessage,
  kind: string,
  maxBytes: number,
): Promise<JsonObject> {
  const media = await message.downloadMedia();
  if (media === undefined || media === null) {
    return { kind, source: 'whatsapp-web', error: 'media could not be downloaded' };
  }
  const size = media.filesize ?? Math.floor((media.data.length * 3) / 4);
  const base: JsonObject = {
    kind,
    source: 'whatsapp-web',
    filename: media.filename ?? null,
    content_type: media.mimetype,
    size,
  };
  if (kind !== 'document') return base;
  const mime = media.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = DOCUMENT_TYPES[mime] ?? formatFromName(media.filename ?? null);
  if (format === null) return { ...base, error: 'not an order sheet (CSV, XLSX or PDF)' };
  if (size > maxBytes) return { ...base, format, error: `larger than ${maxBytes} bytes: not kept` };
  return { ...base, format, content_base64: media.data };
}

function formatFromName(filename: string | null): string | null {
  const ext = filename?.toLowerCase().match(/\.(csv|xlsx|xls|pdf)$/)?.[1];
  return ext ?? null;
}
