/**
 * The export webhook on real PostgreSQL and Redis, with the real workers in a child process:
 * 1,000 confirmed orders — as the confirming transaction leaves them, each with its export
 * outbox row (the confirmation itself is tested through the pipeline elsewhere; here it would
 * only make the run CPU-bound on a small machine) — reach a local receiver that refuses 30% of
 * calls, while the worker is killed with SIGKILL mid-run and started again. Every order is
 * processed once, with a valid signature and the contract's body, and ends `exported`.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobQueue } from '../../../src/queues/create-job-queue.js';
import { upsertExportTarget } from '../../../src/repositories/export.repository.js';
import { useTestDatabase } from '../../support/database.js';
import {
  createElectricalDealer,
  deleteQueueKeys,
  newQueuePrefix,
  seedElectricalCatalog,
  testRedisUrl,
  waitFor,
} from '../../support/pipeline.js';
import { spawnWorker } from '../../support/spawn-worker.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const testDb = useTestDatabase();
const SECRET = 'export-test-secret';
const TOTAL = 1_000;

describe('the export webhook', () => {
  const prefix = newQueuePrefix();
  const redisUrl = testRedisUrl();
  const children: ChildProcess[] = [];
  let receiver: WebhookReceiver | undefined;
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await receiver?.close();
    await deleteQueueKeys(redisUrl, prefix);
  });

  const exportedCount = async () => {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM orders WHERE status = 'exported'`.execute(testDb.db);
    return Number(rows[0]?.n ?? 0);
  };

  /** TOTAL confirmed orders of 1–4 boxes, and their export outbox rows, as a confirmation writes them. */
  const confirmOrders = async (dealerCodes: string[]) => {
    await sql`
      WITH made AS (
        INSERT INTO orders (dealer_code, channel, status, subtotal_minor, total_minor, confirmed_at)
        SELECT (${dealerCodes}::text[])[1 + i % ${dealerCodes.length}], 'webchat', 'confirmed',
               138000 * (1 + i % 4), 138000 * (1 + i % 4), now()
        FROM generate_series(0, ${TOTAL - 1}) AS i
        RETURNING id, total_minor
      ), lined AS (
        INSERT INTO order_lines (order_id, line_no, sku, qty, list_price_minor, unit_price_minor,
                                 line_total_minor)
        SELECT id, 1, 'ELX-MCB-16', (total_minor / 138000)::int, 144000, 138000, total_minor
        FROM made
      ), audited AS (
        INSERT INTO audit_events (entity_type, entity_id, action, actor, reason)
        SELECT 'order', id::text, 'confirmed', 'worker:validate', 'within credit' FROM made
      )
      INSERT INTO export_deliveries (target_id, order_id, order_version)
      SELECT t.id, made.id, 1 FROM made, export_targets t WHERE t.active`.execute(testDb.db);
  };

  it('delivers 1,000 confirmed orders once each, signed, through a kill -9 and a target failing 30%', async () => {
    await seedElectricalCatalog(testDb.db);
    const dealers = await Promise.all(
      Array.from({ length: 10 }, () => createElectricalDealer(testDb.db)),
    );
    receiver = await startWebhookReceiver(SECRET, { failShare: 0.3, seed: 42 });
    await upsertExportTarget(testDb.db, {
      name: 'erp webhook',
      kind: 'webhook',
      config: { url: receiver.url, secret: SECRET },
    });
    // Retries from 200 ms (doubling): a delivery refused six times in a row, which a 30%
    // failure rate makes likely among 1,000, is retried within seconds instead of minutes.
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ORDERDESK_EXPORT_RETRY_BASE_MS: '200',
    };
    children.push(await spawnWorker(env));
    const jobs = createJobQueue({ redis: redisUrl, prefix });
    try {
      await confirmOrders(dealers.map((d) => d.code));
      await waitFor(async () => (await exportedCount()) >= 200, {
        timeoutMs: 120_000,
        intervalMs: 20,
        what: '200 orders exported',
      });
      children[0]!.kill('SIGKILL');
      expect(await exportedCount()).toBeLessThan(TOTAL);
      children.push(await spawnWorker(env));
      await waitFor(async () => (await exportedCount()) === TOTAL, {
        timeoutMs: 360_000,
        intervalMs: 200,
        what: `all ${TOTAL} orders exported`,
      }).catch(async (error: unknown) => {
        // Say where the run stood, so a slow machine and a stuck delivery look different.
        const { rows } = await sql<{ what: string; n: string }>`
          SELECT 'message ' || status AS what, count(*) AS n FROM inbound_messages GROUP BY status
          UNION ALL SELECT 'order ' || status, count(*) FROM orders GROUP BY status
          UNION ALL SELECT 'delivery ' || status, count(*) FROM export_deliveries GROUP BY status`.execute(
          testDb.db,
        );
        const where = rows.map((r) => `${r.what}: ${r.n}`).join(', ');
        throw new Error(
          `${(error as Error).message} (${where}; receiver processed ${receiver?.processed.size}, refused ${receiver?.refused})`,
        );
      });
    } finally {
      await jobs.close();
    }

    expect(receiver.badSignatures).toBe(0);
    expect(receiver.refused).toBeGreaterThan(TOTAL * 0.2);
    expect(receiver.processed.size).toBe(TOTAL);
    // A delivery in flight when the worker died may be sent again after its lease; the
    // Idempotency-Key lets the receiver see it is the same order version.
    expect(receiver.repeats).toBeLessThanOrEqual(20);
    const { rows: orders } = await sql<{ id: string; version: number }>`
      SELECT id, version FROM orders WHERE status = 'exported'`.execute(testDb.db);
    const keys = new Set(orders.map((o) => `${o.id}:${o.version}`));
    expect(new Set(receiver.processed.keys())).toEqual(keys);
    const first = [...receiver.processed.entries()][0]!;
    const body = first[1] as { event: string; order: Record<string, unknown> };
    expect(body.event).toBe('order.confirmed');
    expect(body.order).toMatchObject({
      id: first[0].split(':')[0],
      status: 'confirmed',
      number: expect.stringMatching(/^SO-\d{4}-\d{6}$/),
      version: 1,
      total: expect.stringMatching(/^\d+\.\d{2}$/),
      events: expect.arrayContaining([expect.objectContaining({ kind: expect.any(String) })]),
    });
    const { rows: deliveries } = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM export_deliveries GROUP BY status`.execute(testDb.db);
    expect(deliveries).toEqual([{ status: 'delivered', n: TOTAL }]);
  }, 480_000);
});
