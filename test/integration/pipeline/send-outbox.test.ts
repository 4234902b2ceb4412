/**
 * Sending a reply on real PostgreSQL: a provider slower than the claim's lease never gets the
 * same reply twice while the first send is still in flight, because the lease is renewed; a
 * send that fails is retried later with its lease released to the retry time; a reply the
 * provider accepted just as PostgreSQL restarts is marked sent when it is back, not resent.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import type { DB } from '../../../src/db/schema.js';
import type { ChannelSenders, OutboundMessage } from '../../../src/channels/channel-sender.js';
import { insertOutboxMessage } from '../../../src/repositories/outbox.repository.js';
import { sendOutbox } from '../../../src/services/send-outbox.js';
import { useTestDatabase } from '../../support/database.js';
import { startScratchPostgres, type ScratchPostgres } from '../../support/scratch-postgres.js';

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

  it("notes the conversation's last outbound message with the sent mark", async () => {
    const conversation = await testDb.db
      .insertInto('conversations')
      .values({ channel: 'whatsapp', sender: '+919800000002' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await insertOutboxMessage(testDb.db, {
      channel: 'whatsapp',
      recipient: '+919800000002',
      conversationId: conversation.id,
      inboundMessageId: null,
      orderId: null,
      kind: 'confirmation',
      body: 'Order #2 confirmed.',
      idempotencyKey: `test:${randomUUID()}`,
    });
    const before = Date.now();
    const sent = await sendOutbox(
      { db: testDb.db, senders: slowProvider(0).senders },
      { outboxId: id! },
    );
    expect(sent.outcome).toBe('sent');
    const [row, conv] = await Promise.all([
      testDb.db
        .selectFrom('outbox')
        .select(['status', 'sent_at'])
        .where('id', '=', id!)
        .executeTakeFirstOrThrow(),
      testDb.db
        .selectFrom('conversations')
        .select('last_outbound_at')
        .where('id', '=', conversation.id)
        .executeTakeFirstOrThrow(),
    ]);
    expect(row.status).toBe('sent');
    expect(conv.last_outbound_at!.getTime()).toBe(row.sent_at!.getTime());
    expect(conv.last_outbound_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

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

describe('a reply the provider accepted while PostgreSQL restarts', () => {
  let cluster: ScratchPostgres | undefined;
  let db: Kysely<DB> | undefined;
  afterAll(async () => {
    await db?.destroy();
    await cluster?.stop();
  });

  it('is marked sent once the database is back, never sent again (PostgreSQL down 1.5 s)', async () => {
    cluster = await startScratchPostgres();
    await cluster.createDatabase('orderdesk');
    db = createDatabase({ url: cluster.url('orderdesk'), max: 3 });
    await migrateToLatest(db);
    const id = (await insertOutboxMessage(db, {
      channel: 'whatsapp',
      recipient: '+919800000002',
      conversationId: null,
      inboundMessageId: null,
      orderId: null,
      kind: 'confirmation',
      body: 'Order #2 confirmed.',
      idempotencyKey: `test:${randomUUID()}`,
    }))!;
    const sent: OutboundMessage[] = [];
    const restarting = cluster;
    const senders: ChannelSenders = {
      whatsapp: {
        // The provider accepts, and the database goes down before the mark is written; it is
        // back 1.5 s later.
        send: async (message) => {
          sent.push(message);
          await restarting.halt();
          setTimeout(() => void restarting.start(), 1_500);
          return { externalId: 'wamid.accepted-once' };
        },
      },
    };
    const result = await sendOutbox({ db, senders }, { outboxId: id, leaseMs: 10_000 });
    expect(result).toEqual({ outcome: 'sent', externalId: 'wamid.accepted-once' });
    expect(await sendOutbox({ db, senders }, { outboxId: id, leaseMs: 10_000 })).toEqual({
      outcome: 'skipped',
    });
    expect(sent).toHaveLength(1);
    const row = await db
      .selectFrom('outbox')
      .select(['status', 'external_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', external_id: 'wamid.accepted-once' });
  }, 60_000);
});
