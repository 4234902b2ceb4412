/**
 * A Cloud API webhook payload → the inbound messages and delivery statuses
 * in it. Only `messages` changes for our phone number id are read; other
 * fields (account updates, templates, ...) and other numbers are ignored.
 * The shape is checked loosely: Meta adds fields over time, and a payload
 * we cannot read must not be retried forever.
 */
import { z } from 'zod';
import type { DeliveryStatus, JsonObject } from '../../db/schema.js';
import { inboundFileKind } from '../../domain/files/file-policy.js';
import type { NewInboundFile } from '../../repositories/inbound-file.repository.js';

const media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  filename: z.string().optional(),
  caption: z.string().optional(),
  voice: z.boolean().optional(),
});

const message = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  button: z.looseObject({ text: z.string() }).optional(),
  interactive: z
    .looseObject({
      button_reply: z.looseObject({ title: z.string() }).optional(),
      list_reply: z.looseObject({ title: z.string() }).optional(),
    })
    .optional(),
  order: z
    .looseObject({
      product_items: z
        .array(z.looseObject({ product_retailer_id: z.string(), quantity: z.coerce.number() }))
        .optional(),
      text: z.string().optional(),
    })
    .optional(),
  document: media.optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
});

const status = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z
    .array(z.looseObject({ code: z.number().optional(), title: z.string().optional() }))
    .optional(),
});

export const webhookPayloadSchema = z.looseObject({
  object: z.string().optional(),
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(
            z.looseObject({
              field: z.string().optional(),
              value: z
                .looseObject({
                  metadata: z.looseObject({ phone_number_id: z.string().optional() }).optional(),
                  // Read one by one: an unreadable message must not take its neighbours down.
                  messages: z.array(z.unknown()).optional(),
                  statuses: z.array(z.unknown()).optional(),
                })
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

export interface CloudInbound {
  /** The wamid: the dedupe key, forever. */
  externalId: string;
  /** E.164. */
  sender: string;
  text: string;
  attachments: JsonObject[];
  /** Media to download by id and read before the message is parsed (src/services/files/). */
  files: NewInboundFile[];
  receivedAt: Date;
  /** The business number id it came in on (`metadata.phone_number_id`); null when not given. */
  businessNumber: string | null;
}

export interface CloudStatus {
  externalId: string;
  status: DeliveryStatus;
  at: Date;
  error: string | null;
}

export interface ReadWebhookResult {
  messages: CloudInbound[];
  statuses: CloudStatus[];
  /** Why parts were left out (other numbers, reactions, unknown statuses). */
  skipped: string[];
  /** Parts that could not be read at all (a field missing, a NUL in an id): reported, not stored. */
  unreadable: string[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Types that say nothing to answer: left out. */
const IGNORED_TYPES = new Set(['reaction', 'system', 'ephemeral', 'request_welcome', 'sticker']);
const STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/** `phoneNumberIds`: the business numbers that are ours (one, or several on one app). */
export function readWebhook(
  payload: unknown,
  phoneNumberIds: string | readonly string[],
): ReadWebhookResult | null {
  const ours = typeof phoneNumberIds === 'string' ? [phoneNumberIds] : phoneNumberIds;
  const parsed = webhookPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const result: ReadWebhookResult = { messages: [], statuses: [], skipped: [], unreadable: [] };
  for (const entry of parsed.data.entry ?? []) {
    for (const change of entry.changes ?? []) {
      if (change.field !== undefined && change.field !== 'messages') continue;
      const value = change.value;
      if (value === undefined) continue;
      const number = value.metadata?.phone_number_id;
      if (number !== undefined && !ours.includes(number)) {
        result.skipped.push(`phone number id ${number} is not ours`);
        continue;
      }
      for (const raw of value.messages ?? []) {
        const one = message.safeParse(raw);
        if (!one.success || CONTROL.test(one.data.id) || CONTROL.test(one.data.from)) {
          result.unreadable.push(describeUnreadable('message', raw));
          continue;
        }
        const m = one.data;
        if (IGNORED_TYPES.has(m.type)) {
          result.skipped.push(`${m.id}: ${m.type}`);
          continue;
        }
        result.messages.push({ ...readMessage(m), businessNumber: number ?? null });
      }
      for (const raw of value.statuses ?? []) {
        const one = status.safeParse(raw);
        if (!one.success || CONTROL.test(one.data.id)) {
          result.unreadable.push(describeUnreadable('status', raw));
          continue;
        }
        const s = one.data;
        if (!STATUSES.has(s.status)) {
          result.skipped.push(`${s.id}: status ${s.status}`);
          continue;
        }
        const error = s.errors?.map((e) => `${e.code ?? ''} ${e.title ?? ''}`.trim()).join('; ');
        result.statuses.push({
          externalId: s.id,
          status: s.status as DeliveryStatus,
          at: fromUnix(s.timestamp),
          error: error === undefined || error === '' ? null : error,
        });
      }
    }
  }
  return result;
}

function readMessage(m: z.infer<typeof message>): Omit<CloudInbound, 'businessNumber'> {
  const attachments: JsonObject[] = [];
  const files: NewInboundFile[] = [];
  let text: string;
  const mediaPart = m.document ?? m.image ?? m.audio ?? m.video;
  switch (m.type) {
    case 'text':
      text = m.text?.body ?? '';
      break;
    case 'button':
      text = m.button?.text ?? '';
      break;
    case 'interactive':
      text = m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '';
      break;
    case 'order':
      // A WhatsApp catalog cart: one line per item, as a dealer would type it.
      text = [
        ...(m.order?.product_items ?? []).map((i) => `${i.quantity} ${i.product_retailer_id}`),
        ...(m.order?.text === undefined ? [] : [m.order.text]),
      ].join('\n');
      break;
    default:
      text = mediaPart?.caption ?? '';
  }
  if (mediaPart !== undefined) {
    const kind = m.type === 'audio' && mediaPart.voice === true ? 'voice' : m.type;
    attachments.push({
      kind,
      source: 'whatsapp-cloud',
      // Downloaded through the Graph API by media id before parsing (src/services/files/).
      media_id: mediaPart.id,
      filename: mediaPart.filename ?? null,
      content_type: mediaPart.mime_type ?? null,
      sha256: mediaPart.sha256 ?? null,
    });
    files.push({
      kind: inboundFileKind(kind),
      source: 'whatsapp-cloud',
      mediaId: mediaPart.id,
      filename: mediaPart.filename ?? null,
      declaredType: mediaPart.mime_type ?? null,
    });
  } else if (!['text', 'button', 'interactive', 'order'].includes(m.type)) {
    attachments.push({ kind: m.type, source: 'whatsapp-cloud' });
  }
  const digits = m.from.replace(/\D/g, '');
  return {
    externalId: m.id,
    sender: digits === '' ? m.from : `+${digits}`,
    text,
    attachments,
    files,
    receivedAt: fromUnix(m.timestamp),
  };
}

/** A short, log-safe description of a part that could not be read. */
function describeUnreadable(kind: string, raw: unknown): string {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? JSON.stringify((raw as { id: string }).id).slice(0, 80)
      : 'without an id';
  return `${kind} ${id}`;
}

function fromUnix(seconds: string | undefined): Date {
  const n = Number(seconds);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date();
}
