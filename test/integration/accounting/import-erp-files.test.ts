/**
 * `cli import invoices|payments|credit-notes|dispatches|deliveries` on real
 * PostgreSQL with orders from the real pipeline: a good file is recorded in
 * one go, the same file again records nothing, and a file with any bad row
 * — in its cells or against the database — changes nothing and lists every
 * problem with its line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderNumber } from '../../../src/domain/order-number.js';
import { findDealerCredit } from '../../../src/repositories/credit.repository.js';
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

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
const dir = mkdtempSync(path.join(os.tmpdir(), 'orderdesk-erp-files-'));

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  // The CLI enqueues nothing: the replies its rows write are sent by the workers' sweep.
  pipeline = track(startPipeline(testDb.db, { sweepIntervalMs: 500 }));
});

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const cli = (...argv: string[]) =>
  runCliInProcess(['import', ...argv], { DATABASE_URL: testDb.url });

async function statusOf(id: string) {
  return (
    await testDb.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;
}

describe('importing what the ERP sends back', () => {
  it('records invoices, payments, dispatches and deliveries; the same files again record nothing', async () => {
    const dealer = await createElectricalDealer(testDb.db, {
      creditLimitMinor: 6000_00n,
      outstandingMinor: 2000_00n,
    });
    const a = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const b = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '2 box voltra mcb 16a');
    expect([a.status, b.status]).toEqual(['confirmed', 'held_credit']);
    const aNo = orderNumber(a.order_no, a.created_at);

    const invoices = csv(
      'invoices.csv',
      `invoice_no,order_id,date,due_date,amount\nGST/1001,${aNo},2026-12-02,2026-12-31,1380.00\n`,
    );
    const payments = csv(
      'payments.csv',
      `dealer,amount,date,reference\n${dealer.code},2500.00,2026-12-03,NEFT-555\n`,
    );
    const dispatches = csv(
      'dispatches.csv',
      `order_id,date,transporter,lr_number,vehicle\n${aNo},2026-12-04,Gati,LR/77,KA01AB1234\n`,
    );
    const deliveries = csv(
      'deliveries.csv',
      `order_id,date,received_by\n${a.id},2026-12-06,Ravi\n`,
    );

    const first = await cli('invoices', invoices);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^invoices: 1 row from .*: 1 recorded, 0 already recorded \(/);
    const paid = await cli('payments', payments);
    expect(paid.stdout).toMatch(/: 1 recorded, 0 already recorded; 1 held order released \(/);
    expect(await statusOf(b.id)).toBe('confirmed');
    expect(await cli('dispatches', dispatches)).toMatchObject({ code: 0, stderr: '' });
    expect(await statusOf(a.id)).toBe('dispatched');
    expect(await cli('deliveries', deliveries)).toMatchObject({ code: 0, stderr: '' });
    expect(await statusOf(a.id)).toBe('delivered');

    const credit = await findDealerCredit(testDb.db, dealer.code);
    expect(credit).toMatchObject({
      outstanding_minor: 2000_00n + 1380_00n - 2500_00n,
      open_orders_minor: b.total_minor,
    });

    for (const [kind, file] of [
      ['invoices', invoices],
      ['payments', payments],
      ['dispatches', dispatches],
      ['deliveries', deliveries],
    ] as const) {
      const again = await cli(kind, file);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toMatch(/: 0 recorded, 1 already recorded \(/);
    }
    expect(await findDealerCredit(testDb.db, dealer.code)).toEqual(credit);
  });

  it('bills an order named by its lines: rows with sku,qty under one invoice number', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(
      testDb.db,
      pipeline,
      dealer.code,
      '4 box voltra mcb 16a\n3 box voltra mcb 32a',
    );
    const file = csv(
      'invoice-lines.csv',
      'invoice_no,dealer,date,amount,sku,qty\n' +
        `B-77,${dealer.code},2026-12-04,${order.total_minor / 100n}.00,ELX-MCB-16,4\n` +
        `B-77,${dealer.code},2026-12-04,${order.total_minor / 100n}.00,ELX-MCB-32,3\n`,
    );
    expect(await cli('invoices', file)).toMatchObject({ code: 0, stderr: '' });
    expect(await statusOf(order.id)).toBe('invoiced');
    expect((await cli('invoices', file)).stdout).toMatch(/: 0 recorded, 1 already recorded \(/);
  });

  it('reads rows with sku,qty under one LR number as a part dispatch', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const order = await placeWebchatOrder(
      testDb.db,
      pipeline,
      dealer.code,
      '4 box voltra mcb 16a\n3 box voltra mcb 32a',
    );
    const bad = csv(
      'part-bad.csv',
      'order_id,date,lr_number,sku,qty\n' +
        `${order.id},2026-12-04,LR-9,ELX-MCB-16,\n` +
        `${order.id},2026-12-04,LR-10,,\n` +
        `${order.id},2026-12-04,LR-10,ELX-MCB-16,1\n`,
    );
    const refused = await cli('dispatches', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      ':2 [qty]: sku and qty go together: both for a line shipped, neither for the whole order',
    );
    expect(refused.stderr).toContain(
      ':4 [lr_number] "LR-10": repeats line 3 (same order_id and lr_number)',
    );
    const part = csv(
      'part.csv',
      'order_id,date,transporter,lr_number,sku,qty\n' +
        `${order.id},2026-12-04,Gati,LR-11,ELX-MCB-16,2\n` +
        `${order.id},2026-12-04,Gati,LR-11,ELX-MCB-32,3\n`,
    );
    expect(await cli('dispatches', part)).toMatchObject({ code: 0, stderr: '' });
    const dispatch = await testDb.db
      .selectFrom('dispatches')
      .select(['lr_number', 'lines'])
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(dispatch).toEqual({
      lr_number: 'LR-11',
      lines: [
        { sku: 'ELX-MCB-16', qty: 2 },
        { sku: 'ELX-MCB-32', qty: 3 },
      ],
    });

    // Delivered one box short: a row per line short, under the order.
    const short = csv(
      'delivery-short.csv',
      'order_id,date,received_by,sku,qty\n' + `${order.id},2026-12-06,Ravi,ELX-MCB-32,1\n`,
    );
    expect(await cli('deliveries', short)).toMatchObject({ code: 0, stderr: '' });
    const delivery = await testDb.db
      .selectFrom('deliveries')
      .select(['received_by', 'shortages'])
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({
      received_by: 'Ravi',
      shortages: [{ sku: 'ELX-MCB-32', qty: 1 }],
    });
  });

  it('changes nothing when any row is bad, and lists every problem with its line', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    const a = await placeWebchatOrder(testDb.db, pipeline, dealer.code, '1 box voltra mcb 16a');
    const cells = csv(
      'bad-cells.csv',
      'invoice_no,order_id,date,amount\n' +
        `I-1,${a.id},2026-12-02,100.00\n` +
        `I-2,${a.id},02/12/2026,"1,000.00"\n` +
        `I-1,${a.id},2026-12-02,5.00\n`,
    );
    const bad = await cli('invoices', cells);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has 3 problems; nothing was imported');
    expect(bad.stderr).toContain(':3 [date] "02/12/2026": is not a date; write it as YYYY-MM-DD');
    expect(bad.stderr).toContain(
      ':3 [amount] "1,000.00": has a thousands separator; write a plain decimal such as 1234.50',
    );
    expect(bad.stderr).toContain(':4 [invoice_no] "I-1": repeats line 2 (same invoice_no)');

    // Good cells, but the database refuses two rows: the good first row is rolled back too.
    const refused = csv(
      'bad-rows.csv',
      'invoice_no,order_id,date,amount\n' +
        `I-10,${a.id},2026-12-02,100.00\n` +
        `I-11,SO-2026-999999,2026-12-02,100.00\n` +
        `I-12,00000000-0000-4000-8000-000000000000,2026-12-02,100.00\n`,
    );
    const rolledBack = await cli('invoices', refused);
    expect(rolledBack.code).toBe(2);
    expect(rolledBack.stderr).toContain(
      ':3 [order_id] "SO-2026-999999": order SO-2026-999999 does not exist',
    );
    expect(rolledBack.stderr).toMatch(/:4 \[order_id\] ".*": order .* does not exist/);
    expect(await statusOf(a.id)).toBe('confirmed');
    expect((await findDealerCredit(testDb.db, dealer.code))?.outstanding_minor).toBe(0n);
  });
});
