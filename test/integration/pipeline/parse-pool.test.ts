/**
 * A fresh worker process (nothing cached) taking more sure orders at once than its PostgreSQL
 * pool has connections: every parse job holds a connection for its transaction, so nothing it
 * needs may be read through the pool from inside it (the day's slabs and schemes are read
 * before the transaction). With the read inside, every connection waited for another and no
 * job ever finished; here every order is settled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/db/database.js';
import type { JobQueue } from '../../../src/queues/job-catalog.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { ParserInputsCache } from '../../../src/services/parser-inputs.js';
import { processParse } from '../../../src/services/process-parse.js';
import { useTestDatabase } from '../../support/database.js';
import { createElectricalDealer, seedElectricalCatalog } from '../../support/pipeline.js';

const testDb = useTestDatabase();
const noJobs: JobQueue = { enqueue: () => Promise.resolve() };
/** Two connections, eight jobs at once. */
let small: ReturnType<typeof createDatabase> | undefined;

afterAll(async () => {
  await small?.destroy();
});

describe('parse jobs on a pool smaller than their concurrency', () => {
  it('settles every sure order from a cold cache instead of waiting forever', async () => {
    await seedElectricalCatalog(testDb.db);
    const dealers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createElectricalDealer(testDb.db, { phones: [`+9198100000${String(i).padStart(2, '0')}`] }),
      ),
    );
    const ids = [];
    for (const [i, dealer] of dealers.entries()) {
      const { messageId } = await ingestMessage(
        { db: testDb.db, jobs: noJobs },
        {
          channel: 'transcript',
          externalId: `pool-${i}-${Date.now()}`,
          sender: dealer.code,
          dealerCode: dealer.code,
          text: '10 box lumex led 9w',
        },
      );
      ids.push(messageId);
    }
    small = createDatabase({ url: testDb.url, max: 2 });
    const deps = { db: small, jobs: noJobs, parserInputs: new ParserInputsCache() };
    const timeout = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 20_000));
    const results = await Promise.race([
      Promise.all(ids.map((messageId) => processParse(deps, { messageId }))),
      timeout,
    ]);
    expect(results).not.toBe('stuck');
    const orders = await testDb.db
      .selectFrom('orders')
      .select(['status', 'inbound_message_id'])
      .where('inbound_message_id', 'in', ids)
      .execute();
    expect(orders).toHaveLength(8);
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['confirmed']));
    // each message done (marked in its reply's statement), its confirmation in the outbox
    const messages = await testDb.db
      .selectFrom('inbound_messages')
      .select(['status', 'error', 'conversation_id'])
      .where('id', 'in', ids)
      .execute();
    expect(messages.map((m) => [m.status, m.error, m.conversation_id !== null])).toEqual(
      ids.map(() => ['done', null, true]),
    );
    const replies = await testDb.db
      .selectFrom('outbox')
      .select('kind')
      .where('inbound_message_id', 'in', ids)
      .execute();
    expect(replies.map((r) => r.kind)).toEqual(ids.map(() => 'confirmation'));
    // the audit event that rides with each reply, and the exposure with the export rows
    const full = await testDb.db
      .selectFrom('orders')
      .select(['id', 'dealer_code', 'total_minor'])
      .where('inbound_message_id', 'in', ids)
      .execute();
    const audits = await testDb.db
      .selectFrom('audit_events')
      .select(['entity_id', 'action'])
      .where('entity_type', '=', 'order')
      .where(
        'entity_id',
        'in',
        full.map((o) => o.id),
      )
      .execute();
    expect(audits.map((a) => a.action)).toEqual(full.map(() => 'created'));
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select(['dealer_code', 'open_orders_minor'])
      .where(
        'dealer_code',
        'in',
        full.map((o) => o.dealer_code!),
      )
      .execute();
    for (const order of full) {
      expect(credit.find((c) => c.dealer_code === order.dealer_code)?.open_orders_minor).toBe(
        order.total_minor,
      );
    }
  }, 30_000);
});
