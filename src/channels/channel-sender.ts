/**
 * The one interface every channel's sending side implements. The notify
 * worker picks a sender by the outbox row's channel; nothing else knows how
 * a channel sends.
 */
import type { Channel } from '../db/schema.js';
import type { ClaimedSend, SendClaimPlan } from '../repositories/outbox.repository.js';

export interface OutboundMessage {
  /** The outbox row id: a provider that supports idempotency keys gets this. */
  id: string;
  channel: Channel;
  /** E.164 phone, email address, or the dealer code (transcript, web chat). */
  recipient: string;
  body: string;
  kind: string;
  /** The inbound message answered, for threading (email In-Reply-To). */
  inboundMessageId: string | null;
  /** What the outbox claim read and booked for this send, when the sender has a `claimPlan`. */
  claimed?: ClaimedSend;
}

export interface ChannelSender {
  send(message: OutboundMessage): Promise<{ externalId: string }>;
  /**
   * What to read and book with the outbox claim, in its statement (the window, the sending
   * number, the send slots); absent: the sender reads what it needs itself.
   */
  readonly claimPlan?: SendClaimPlan;
}

/** A failure the channel says will not get better by retrying (bad number, rejected). */
export class PermanentSendError extends Error {
  override readonly name = 'PermanentSendError';
}

/**
 * Web chat and transcripts have no provider: the history endpoint reads the
 * outbox, so "sending" is recording the row as delivered.
 */
export const localSender: ChannelSender = {
  send: (message) => Promise.resolve({ externalId: `local:${message.id}` }),
};

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;

/** Senders for the channels that need no account (webchat, transcript). */
export function localSenders(): ChannelSenders {
  return { webchat: localSender, transcript: localSender };
}
