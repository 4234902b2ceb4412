/**
 * notify: send one outbox row over its channel and mark it sent.
 *
 * The row is claimed first (pending + due → leased for `leaseMs`, attempt
 * counted, in one UPDATE), so a redelivered job or a second worker finds
 * nothing to send while the first holds it; the lease is renewed while the
 * send is in flight, so a provider slower than the lease never sees a second
 * send. Once the provider accepted, the `sent` mark is retried through a
 * database restart rather than counted as a failed send. Only a process
 * dying between the provider accepting the message and the `sent` mark (or
 * a database away for most of the lease) can repeat a send, after the
 * lease: email replies carry a
 * Message-ID derived from the row (mail clients collapse the repeat); the
 * WhatsApp APIs take no idempotency key, so there it stays at-least-once.
 */
import type { Kysely } from 'kysely';
import {
  PermanentSendError,
  type ChannelSender,
  type ChannelSenders,
} from '../channels/channel-sender.js';
import { AppError } from '../domain/app-error.js';
import type { Channel, DB, OutboxMessage } from '../db/schema.js';
import { recordFailure, recordOutbound } from '../metrics/channel-metrics.js';
import {
  claimOutboxMessage,
  claimOutboxMessageFor,
  extendOutboxLease,
  findOutboxMessage,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type ClaimedSend,
  type SendClaimPlan,
} from '../repositories/outbox.repository.js';

export interface SendOutboxDeps {
  db: Kysely<DB>;
  senders: ChannelSenders;
}

export interface SendOutboxInput {
  outboxId: string;
  /** How long a claim keeps other workers off the row. Default 60 s. */
  leaseMs?: number;
  /** After this many attempts a failing row is marked failed. Default 8. */
  maxAttempts?: number;
}

export type SendOutboxResult =
  | { outcome: 'sent'; externalId: string }
  /** Sent, failed, not due, or claimed by someone else: nothing done. */
  | { outcome: 'skipped' }
  | { outcome: 'retry_later'; error: string }
  | { outcome: 'failed'; error: string };

export async function sendOutbox(
  deps: SendOutboxDeps,
  input: SendOutboxInput,
): Promise<SendOutboxResult> {
  const maxAttempts = input.maxAttempts ?? 8;
  const leaseMs = input.leaseMs ?? 60_000;
  // The claim also reads and books what a sender with a claimPlan needs (WhatsApp Cloud: window,
  // number, send slots), in the same statement, when the row is on that sender's channel.
  const planned = plannedSender(deps.senders);
  let row: OutboxMessage | undefined;
  let claimed: ClaimedSend | undefined;
  if (planned === null) row = await claimOutboxMessage(deps.db, input.outboxId, leaseMs);
  else {
    const got = await claimOutboxMessageFor(
      deps.db,
      input.outboxId,
      leaseMs,
      planned.channel,
      planned.plan,
    );
    row = got?.row;
    claimed = got?.claimed ?? undefined;
  }
  if (!row) {
    if (!(await findOutboxMessage(deps.db, input.outboxId))) {
      throw new AppError('NOT_FOUND', `outbox row ${input.outboxId} does not exist`);
    }
    return { outcome: 'skipped' };
  }
  const sender = deps.senders[row.channel];
  if (!sender) {
    const error = `no sender is configured for channel ${row.channel}`;
    recordFailure(row.channel, 'out');
    return giveUpOrRetry(deps, row.id, row.attempts, maxAttempts, error);
  }
  // Renewed at a third of the lease: two renewals may fail before another worker could claim it.
  const renewal = setInterval(() => {
    extendOutboxLease(deps.db, row.id, leaseMs).catch(() => {});
  }, leaseMs / 3);
  let externalId: string;
  try {
    ({ externalId } = await sender.send({
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      body: row.body,
      kind: row.kind,
      inboundMessageId: row.inbound_message_id,
      ...(claimed === undefined ? {} : { claimed }),
    }));
  } catch (error) {
    clearInterval(renewal);
    const text = error instanceof Error ? error.message : String(error);
    recordFailure(row.channel, 'out');
    if (error instanceof PermanentSendError) {
      await markOutboxFailed(deps.db, row.id, text);
      return { outcome: 'failed', error: text };
    }
    return giveUpOrRetry(deps, row.id, row.attempts, maxAttempts, text);
  }
  // The provider has it. From here no failure may lead to a second send: the mark is retried
  // (a PostgreSQL restart takes seconds) while the lease is kept, never turned into a retry.
  try {
    await markSentWithin(deps.db, row.id, externalId, leaseMs);
  } finally {
    clearInterval(renewal);
  }
  recordOutbound(row.channel);
  return { outcome: 'sent', externalId };
}

/** The one channel whose sender has a claimPlan (several: the first), or null. */
function plannedSender(senders: ChannelSenders): { channel: Channel; plan: SendClaimPlan } | null {
  for (const [channel, sender] of Object.entries(senders) as [Channel, ChannelSender][]) {
    if (sender.claimPlan !== undefined) return { channel, plan: sender.claimPlan };
  }
  return null;
}

/**
 * Writes the `sent` mark, trying again (0.25 s doubling to 4 s) for most of the lease. If the
 * database stays away longer, the error is thrown with the row still leased: when the lease
 * runs out the reply is sent again — the at-least-once case docs/operations.md "Replies" names.
 */
async function markSentWithin(
  db: Kysely<DB>,
  id: string,
  externalId: string,
  leaseMs: number,
): Promise<void> {
  const deadline = Date.now() + leaseMs * 0.9;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await markOutboxSent(db, id, externalId);
      return;
    } catch (error) {
      const wait = Math.min(250 * 2 ** attempt, 4_000);
      if (Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function giveUpOrRetry(
  deps: SendOutboxDeps,
  id: string,
  attempts: number,
  maxAttempts: number,
  error: string,
): Promise<SendOutboxResult> {
  if (attempts >= maxAttempts) {
    await markOutboxFailed(deps.db, id, `${error} (after ${attempts} attempts)`);
    return { outcome: 'failed', error };
  }
  // exponential: 2 s, 4 s, 8 s, ... capped at 10 minutes
  const delay = Math.min(2 ** attempts * 1000, 600_000);
  await markOutboxRetry(deps.db, id, error, new Date(Date.now() + delay));
  return { outcome: 'retry_later', error };
}
