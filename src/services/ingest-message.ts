/**
 * The door every channel uses: store the message in PostgreSQL, then queue
 * it for parsing. Storing first is what makes a Redis loss harmless (the
 * sweeper re-queues what is still `received`); the unique (channel,
 * external id) makes a channel's redelivery return the first copy's id.
 *
 * Nothing is refused here: empty, huge, binary or mis-encoded text is stored
 * (see domain/inbound-text.ts for what is done to it and flagged) and the
 * parse stage answers it with a clear reason.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import { sanitizeInboundText } from '../domain/inbound-text.js';
import type { Channel, DB, JsonValue } from '../db/schema.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { sharedAutocommit } from '../db/pipeline/shared-autocommit.js';
import {
  insertInboundFiles,
  type NewInboundFile,
} from '../repositories/inbound-file.repository.js';
import { insertInboundMessage } from '../repositories/inbound-message.repository.js';
import { recordFailure, recordInbound } from '../metrics/channel-metrics.js';

export interface IngestMessageDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
}

export interface IngestMessageInput {
  channel: Channel;
  /** The channel's own id for the message (wamid, Message-ID, a client's id for web chat). */
  externalId: string;
  /** E.164 phone, email address, or the dealer code (transcript, web chat). */
  sender: string;
  /** The dealer the channel vouches for (transcript, web chat); need not exist. */
  dealerCode?: string | null;
  /** The body; raw bytes are decoded here, invalid UTF-8 replaced and flagged. */
  text: string | Uint8Array;
  subject?: string | null;
  attachments?: JsonValue[];
  /** Default: now. */
  receivedAt?: Date;
  /**
   * Why the channel says a person must see this message before anything is
   * confirmed (an email failing DMARC, a mail too large to read). Default: none.
   */
  reviewHold?: string | null;
  /**
   * Files that came with the message (WhatsApp documents, photos, voice notes): stored with it in
   * the same transaction, and read before the message is parsed (src/services/files/).
   */
  files?: readonly NewInboundFile[];
  /**
   * The distributor's own account it came in on, when the channel has several (the WhatsApp
   * Cloud business number id): replies go back from it. Default: none.
   */
  channelAccount?: string | null;
}

export interface IngestMessageResult {
  messageId: string;
  /** true: this external id was delivered before; nothing new was stored or queued. */
  duplicate: boolean;
}

const inputSchema = z.object({
  channel: z.enum(['whatsapp', 'email', 'transcript', 'webchat']),
  externalId: z.string().trim().min(1).max(500),
  sender: z.string().trim().min(1).max(320),
  dealerCode: z.string().trim().min(1).max(100).nullish(),
  subject: z.string().max(2000).nullish(),
});

export async function ingestMessage(
  deps: IngestMessageDeps,
  input: IngestMessageInput,
): Promise<IngestMessageResult> {
  const checked = inputSchema.safeParse(input);
  if (!checked.success) {
    throw new AppError(
      'INVALID_INPUT',
      checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const sanitized = sanitizeInboundText(input.text);
  const subject = input.subject == null ? null : sanitizeInboundText(input.subject).text;
  const files = input.files ?? [];
  const store = async (trx: Executor) => {
    const row = await insertInboundMessage(trx, {
      channel: input.channel,
      externalId: checked.data.externalId,
      sender: normalizeSender(input.channel, checked.data.sender),
      dealerCode: checked.data.dealerCode ?? null,
      text: sanitized.text,
      subject,
      attachments: input.attachments ?? [],
      receivedAt: input.receivedAt ?? new Date(),
      textFlags: sanitized.flags,
      originalBytes: sanitized.originalBytes,
      reviewHold: input.reviewHold?.trim() || null,
      channelAccount: input.channelAccount ?? null,
    });
    if (row.inserted) await insertInboundFiles(trx, row.id, files);
    return row;
  };
  // A message and its files are stored together or not at all. Without files it is one
  // statement, sharing its round trip with the messages of concurrent requests (each still
  // committed before its request is answered: PG first).
  const stored = await (
    files.length === 0 ? store(sharedAutocommit(deps.db)) : inTransaction(deps.db, store)
  ).catch((error: unknown) => {
    recordFailure(input.channel, 'in');
    throw error;
  });
  recordInbound(input.channel, !stored.inserted);
  // A redelivery of a message still waiting is re-queued: its first enqueue
  // may have been lost (crash between insert and enqueue). The job id makes
  // this a no-op while the first job exists.
  if (stored.inserted || stored.status === 'received') {
    // A message stored just now without files has none to read (files come with it or never).
    await deps.jobs.enqueue('parse', [
      stored.inserted && files.length === 0
        ? { messageId: stored.id, files: false }
        : { messageId: stored.id },
    ]);
  }
  return { messageId: stored.id, duplicate: !stored.inserted };
}

function normalizeSender(channel: Channel, sender: string): string {
  return channel === 'email' ? sender.toLowerCase() : sender;
}
