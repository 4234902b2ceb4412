/**
 * Sends a dealer a portal sign-in link over the dealer's own channel: the
 * conversation the dealer asked in, or (ops asked) the dealer's first
 * WhatsApp number, else first email address. Written to the outbox in the
 * caller's transaction, like every reply.
 */
import type { Channel } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { templatesFor } from '../../../templates/index.js';
import { insertOutboxMessage } from '../../repositories/outbox.repository.js';
import type { ReplyTarget } from '../reply-target.js';
import { PORTAL_LINK_TTL_MS, hashSecret, issuePortalLink } from './portal-access.js';

export interface SendPortalLinkInput {
  dealerCode: string;
  /** `dealer:whatsapp`, `user:asha@…`, `cli`. */
  requestedBy: string;
  /** The portal's public address, e.g. https://orders.example.com (no trailing slash needed). */
  publicUrl: string;
  now: Date;
  /** Answer here (the dealer asked in chat); absent: the dealer's first contact. */
  target?: ReplyTarget;
  /** Reply language when answering in chat; default the dealer's. */
  language?: string;
}

export type SendPortalLinkResult =
  | { sent: true; channel: Channel; recipient: string; outboxId: string | null }
  | { sent: false; reason: 'rate_limited'; retryInMinutes: number; outboxId: string | null }
  | { sent: false; reason: 'no_contact' | 'unknown_dealer' };

export function portalLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal/login?t=${token}`;
}

export async function sendPortalLink(
  trx: Executor,
  input: SendPortalLinkInput,
): Promise<SendPortalLinkResult> {
  const dealer = await trx
    .selectFrom('dealers as d')
    .select(['d.code', 'd.language'])
    .select((eb) => [
      eb
        .selectFrom('dealer_phones')
        .select('phone')
        .whereRef('dealer_code', '=', 'd.code')
        .orderBy('phone')
        .limit(1)
        .as('phone'),
      eb
        .selectFrom('dealer_emails')
        .select('email')
        .whereRef('dealer_code', '=', 'd.code')
        .orderBy('email')
        .limit(1)
        .as('email'),
    ])
    .where('d.code', '=', input.dealerCode)
    .executeTakeFirst();
  if (!dealer) return { sent: false, reason: 'unknown_dealer' };
  const target: Omit<ReplyTarget, 'inboundMessageId'> | null =
    input.target ??
    (dealer.phone
      ? { channel: 'whatsapp', recipient: dealer.phone, conversationId: null }
      : dealer.email
        ? { channel: 'email', recipient: dealer.email, conversationId: null }
        : null);
  if (target === null) return { sent: false, reason: 'no_contact' };
  const t = templatesFor(input.language ?? dealer.language);
  const issued = await issuePortalLink(trx, {
    dealerCode: dealer.code,
    requestedBy: input.requestedBy,
    now: input.now,
  });
  const write = (kind: string, body: string, idempotencyKey: string) =>
    insertOutboxMessage(trx, {
      channel: target.channel,
      recipient: target.recipient,
      conversationId: target.conversationId,
      inboundMessageId: input.target?.inboundMessageId ?? null,
      orderId: null,
      kind,
      body,
      idempotencyKey,
    });
  if (!issued.ok) {
    // Told only when the dealer asked in chat; ops see the refusal on the page.
    const outboxId = input.target
      ? await write(
          'portal_link_limited',
          t.portalLinkLimited({ minutes: issued.retryInMinutes }),
          `portal-limited:${input.target.inboundMessageId}`,
        )
      : null;
    return { sent: false, reason: 'rate_limited', retryInMinutes: issued.retryInMinutes, outboxId };
  }
  const outboxId = await write(
    'portal_link',
    t.portalLink({
      url: portalLinkUrl(input.publicUrl, issued.token),
      minutes: Math.round(PORTAL_LINK_TTL_MS / 60_000),
    }),
    // One reply per link; the link's hash names it without revealing it.
    `portal-link:${hashSecret(issued.token)}`,
  );
  return { sent: true, channel: target.channel, recipient: target.recipient, outboxId };
}
