/**
 * One whatsapp-web.js message → what ingestion stores, or why it is skipped.
 * Skipped: our own messages, status updates and broadcasts, newsletters,
 * groups (unless allowed), and kinds that carry no order (reactions,
 * notifications, calls, revoked messages, ...). Media (documents, photos,
 * voice notes) is downloaded here, while the library still holds the
 * message, and handed to ingestion as a file (kept with the message, read
 * before parsing: src/services/files/); bytes over `maxFileBytes` are not
 * kept, only their size (the file is then refused as too large).
 */
import type { JsonObject } from '../../db/schema.js';
import { inboundFileKind } from '../../domain/files/file-policy.js';
import type { NewInboundFile } from '../../repositories/inbound-file.repository.js';
import type { WwebMessage } from './wweb-client.js';

export interface ReadWwebMessageOptions {
  /** Take messages written in groups (sender: the participant). Default false. */
  allowGroups?: boolean;
  /** Largest file kept with its content, bytes. Default 32 MiB (the per-kind limits are lower). */
  maxFileBytes?: number;
}

export type ReadWwebMessageResult =
  | {
      ok: true;
      externalId: string;
      /** E.164 when the id carries a phone number; else the WhatsApp id as is. */
      sender: string;
      text: string;
      attachments: JsonObject[];
      files: NewInboundFile[];
      receivedAt: Date;
    }
  | { ok: false; skipped: string };

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
  const files: NewInboundFile[] = [];
  if (kind !== 'text' && message.hasMedia) {
    const media = await readMedia(message, kind, options.maxFileBytes ?? 32 * 1024 * 1024);
    attachments.push(media.attachment);
    files.push(media.file);
  }
  return {
    ok: true,
    externalId: message.id._serialized,
    sender,
    text: message.body,
    attachments,
    files,
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
): Promise<{ attachment: JsonObject; file: NewInboundFile }> {
  const fileKind = inboundFileKind(kind);
  const media = await message.downloadMedia();
  if (media === undefined || media === null) {
    const error = 'media could not be downloaded';
    return {
      attachment: { kind, source: 'whatsapp-web', error },
      file: { kind: fileKind, source: 'whatsapp-web', unavailable: error },
    };
  }
  const size = media.filesize ?? Math.floor((media.data.length * 3) / 4);
  const attachment: JsonObject = {
    kind,
    source: 'whatsapp-web',
    filename: media.filename ?? null,
    content_type: media.mimetype,
    size,
  };
  const file: NewInboundFile = {
    kind: fileKind,
    source: 'whatsapp-web',
    filename: media.filename ?? null,
    declaredType: media.mimetype,
    size,
    content: size > maxBytes ? null : Buffer.from(media.data, 'base64'),
  };
  return { attachment, file };
}
