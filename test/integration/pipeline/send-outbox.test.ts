/**
 * Sending a reply on real PostgreSQL: a provider slower than the claim's lease never gets the
 * same reply twice while the first send is still in flight, because the lease is renewed; a
 * send that fails is retried later with its lease released to the retry time.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChannelSenders, OutboundMessage } from '../../../src/channels/channel-sender.js';
import { insertOutboxMessage } from '../../../src/repositories/outbox.repository.js';
import { sendOutbox } from '../../../src/services/send-outbox.js';
import { useTestDatabase } from '../../support/database.js';

const testDb = useTestDatabase();

async function outboxRow(): Promise<string> {
  const id = await insertOutboxMessage(testDb.db, {
    channel: 'whatsapp',
    recipient: '+919800000001',
    conversationId: null,
    inboundMessageId: null,
    orderId: null,
    kind: 'confirmation',
    body: 'Order #1 confirmed.',
    idempotencyKey: `test:${randomUUID()}`,
  });
  return id!;
}

/** A provider that takes `ms` to accept each message, and counts what it was sent. */
function slowProvider(ms: number): { senders: ChannelSenders; sent: OutboundMessage[] } {
  const sent: OutboundMessage[] = [];
  return {
    sent,
    senders: {
      whatsapp: {
        send: async (message) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          sent.push(message);
          return { externalId: `wamid.${randomUUID()}` };
        },
      },
    },
  };
}

describe('sending a reply', () => {
  it('renews the lease while a slow provider holds the send: a second worker sends nothing', async () => {
    const id = await outboxRow();
    const provider = slowProvider(1_500);
    const deps = { db: testDb.db, senders: provider.senders };
    const first = sendOutbox(deps, { outboxId: id, leaseMs: 600 });
    // Another worker tries after the first lease (600 ms) would have run out.
    await new Promise((resolve) => setTimeout(resolve, 900));
    const second = await sendOutbox(deps, { outboxId: id, leaseMs: 600 });
    expect(second).toEqual({ outcome: 'skipped' });
    expect((await first).outcome).toBe('sent');
    expect(provider.sent).toHaveLength(1);
    const row = await testDb.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  }, 20_000);

  it('leaves a failed send for a retry at its own time, not at the lease', async () => {
    const id = await outboxRow();
    const deps = {
      db: testDb.db,
      senders: {
        whatsapp: {
          send: async () => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            throw new Error('503 from the provider');
          },
        },
      },
    };
    const result = await sendOutbox(deps, { outboxId: id, leaseMs: 150 });
    expect(result).toEqual({ outcome: 'retry_later', error: '503 from the provider' });
    const row = await testDb.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', last_error: '503 from the provider' });
  });
});
