/**
 * Export targets set with `cli target` on real PostgreSQL, and orders
 * confirmed by the real pipeline delivered to them: a Tally Prime XML file
 * with the mapping's ledger and stock item names, a CSV file written once
 * (a resend does not write it again), a webhook whose secret stays in an
 * environment variable, and a disabled target that gets nothing new.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderNumber } from '../../../src/domain/order-number.js';
import { deliverDueExports } from '../../../src/services/export/deliver-exports.js';
import { reexportOrders } from '../../../src/services/export/reexport-orders.js';
import { runCliInProcess } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  seedElectricalCatalog,
  startPipeline,
  type Pipeline,
} from '../../support/pipeline.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const dir = mkdtempSync(path.join(os.tmpdir(), 'orderdesk-targets-'));
const SECRET_VAR = `ORDERDESK_TEST_ERP_SECRET_${process.pid}`;
let receiver: WebhookReceiver | undefined;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(startPipeline(testDb.db, { exportIntervalMs: 0 }));
});
afterAll(async () => {
  delete process.env[SECRET_VAR];
  await receiver?.close();
});

const cli = (...argv: string[]) =>
  runCliInProcess(['target', ...argv], { DATABASE_URL: testDb.url });

describe('export targets', () => {
  it('refuses a bad mapping file or webhook before saving anything', async () => {
    const mapping = path.join(dir, 'bad-mapping.json');
    writeFileSync(mapping, JSON.stringify({ ledgers: { D1: 7 }, sales_ledgr: 'Sales' }));
    const bad = await cli('set', 'tally', '--kind', 'tally', '--folder', dir, '--mapping', mapping);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ledgers.D1:');
    expect(bad.stderr).toContain('sales_ledgr');
    const hook = await cli('set', 'erp', '--kind', 'webhook', '--url', 'ftp://erp.example/x');
    expect(hook.code).toBe(2);
    expect(hook.stderr).toContain('url: must be an http(s) URL');
    const none = await testDb.db.selectFrom('export_targets').select('name').execute();
    expect(none).toEqual([]);
  });

  it('delivers confirmed orders to Tally XML, CSV and a webhook; a disabled target gets nothing new', async () => {
    const dealer = await createElectricalDealer(testDb.db, { name: 'Gupta Electricals' });
    const mapping = path.join(dir, 'tally-mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        company: 'Test Co 2026-27',
        sales_ledger: 'Sales @18%',
        ledgers: { [dealer.code]: 'Gupta Electricals (Pune)' },
        items: { 'ELX-MCB-16': 'Voltra MCB 16A SP' },
      }),
    );
    const tallyDir = path.join(dir, 'tally');
    const csvDir = path.join(dir, 'csv');
    expect(
      await cli('set', 'tally', '--kind', 'tally', '--folder', tallyDir, '--mapping', mapping),
    ).toMatchObject({ code: 0, stdout: 'tally: tally target saved and active\n' });
    expect((await cli('set', 'sheets', '--kind', 'csv', '--folder', csvDir)).code).toBe(0);
    process.env[SECRET_VAR] = 'a-secret-that-is-long-enough';
    receiver = await startWebhookReceiver('a-secret-that-is-long-enough');
    expect(
      (
        await cli(
          'set',
          'erp',
          '--kind',
          'webhook',
          '--url',
          receiver.url,
          '--secret-env',
          SECRET_VAR,
        )
      ).code,
    ).toBe(0);

    const order = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    expect(order.status).toBe('confirmed');
    expect(await deliverDueExports({ db: testDb.db })).toMatchObject({ delivered: 3, dead: 0 });
    const number = orderNumber(order.order_no, order.created_at);

    const xml = readFileSync(path.join(tallyDir, `${number}-v1.xml`), 'utf8');
    expect(xml).toContain('<SVCURRENTCOMPANY>Test Co 2026-27</SVCURRENTCOMPANY>');
    expect(xml).toContain('<PARTYLEDGERNAME>Gupta Electricals (Pune)</PARTYLEDGERNAME>');
    expect(xml).toContain('<STOCKITEMNAME>Voltra MCB 16A SP</STOCKITEMNAME>');
    expect(xml).toContain('<LEDGERNAME>Sales @18%</LEDGERNAME>');
    const csvFile = path.join(csvDir, `${number}-v1.csv`);
    expect(readFileSync(csvFile, 'utf8')).toContain(`${number},${order.id},1,`);
    expect(receiver.processed.size).toBe(1);
    expect(receiver.badSignatures).toBe(0);
    const exported = await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(exported.status).toBe('exported');

    // Sent again: the CSV file is there, so it is not written again.
    const written = statSync(csvFile).mtimeMs;
    await reexportOrders(testDb.db, { order: order.id }, 'test');
    expect(await deliverDueExports({ db: testDb.db })).toMatchObject({ delivered: 3 });
    expect(statSync(csvFile).mtimeMs).toBe(written);
    expect(receiver.repeats).toBe(1);

    const listed = await cli('list');
    expect(listed.stdout).toContain('sheets\tcsv\tactive\t0 waiting\t1 delivered\t0 given up\n');
    expect(await cli('disable', 'sheets')).toMatchObject({ code: 0, stdout: 'sheets is off\n' });
    await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 32a');
    await deliverDueExports({ db: testDb.db });
    expect(readdirSync(csvDir).filter((f) => f.endsWith('.csv'))).toHaveLength(1);
    expect(readdirSync(tallyDir).filter((f) => f.endsWith('.xml'))).toHaveLength(2);
    expect((await cli('disable', 'nope')).code).toBe(2);
  });
});
