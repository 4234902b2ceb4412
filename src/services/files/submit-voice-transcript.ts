/**
 * Ops listened to a voice note and typed what the dealer said: the words go in as a new message
 * from the same dealer on the same channel (a reply goes back the way the voice note came), read
 * by the parser and the review policy like a typed message, and the voice note's own review
 * item is closed. Typing the same words twice stores them once (the external id is their hash).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Channel, DB, JsonValue } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError } from '../../domain/app-error.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { lockInboundMessage } from '../../repositories/inbound-message.repository.js';
import type { IngestMessageResult } from '../ingest-message.js';

/** A transcript longer than this is refused (a voice note is a minute or two). */
export const MAX_VOICE_TRANSCRIPT_CHARS = 10_000;

export interface SubmitVoiceTranscriptDeps {
  db: Kysely<DB>;
  ingest: (input: {
    channel: Channel;
    externalId: string;
    sender: string;
    text: string;
    attachments: JsonValue[];
  }) => Promise<IngestMessageResult>;
}

export async function submitVoiceTranscript(
  deps: SubmitVoiceTranscriptDeps,
  input: { messageId: string; transcript: string; actor: string },
): Promise<IngestMessageResult> {
  const text = input.transcript.trim();
  if (text === '') throw new AppError('INVALID_INPUT', 'type what the dealer says first');
  if (text.length > MAX_VOICE_TRANSCRIPT_CHARS) {
    throw new AppError('INVALID_INPUT', `at most ${MAX_VOICE_TRANSCRIPT_CHARS} characters`);
  }
  const voice = await deps.db
    .selectFrom('inbound_messages')
    .innerJoin('inbound_files', 'inbound_files.inbound_message_id', 'inbound_messages.id')
    .select([
      'inbound_messages.id',
      'inbound_messages.channel',
      'inbound_messages.external_id',
      'inbound_messages.sender',
      'inbound_messages.status',
    ])
    .where('inbound_messages.id', '=', input.messageId)
    .where('inbound_files.kind', 'in', ['voice', 'audio'])
    .executeTakeFirst();
  if (!voice) throw new AppError('NOT_FOUND', 'no voice note with this id');
  if (voice.status !== 'needs_review') {
    throw new AppError('CONFLICT', 'this voice note is no longer waiting for review');
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const stored = await deps.ingest({
    channel: voice.channel,
    externalId: `${voice.external_id}#transcript-${hash}`,
    sender: voice.sender,
    text,
    attachments: [{ kind: 'transcript_of', message_id: voice.id, by: input.actor }],
  });
  await inTransaction(deps.db, async (trx) => {
    const locked = await lockInboundMessage(trx, voice.id);
    if (locked?.status !== 'needs_review') return;
    await trx
      .updateTable('inbound_messages')
      .set({ status: 'done', error: `transcribed in review as message ${stored.messageId}` })
      .where('id', '=', voice.id)
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'inbound_message',
        entityId: voice.id,
        action: 'transcribed',
        actor: input.actor,
        reason: `typed as message ${stored.messageId}`,
      },
    ]);
  });
  return stored;
}
