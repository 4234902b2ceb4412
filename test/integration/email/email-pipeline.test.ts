/**
 * The email channel end to end on real services: mail delivered into a
 * fresh Dovecot mailbox over LMTP → IMAP intake (IDLE) → ingest → parse →
 * validate → notify → a threaded reply caught by a real SMTP server.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSenders } from '../../../src/channels/channel-sender.js';
import { createEmailSender, type EmailSender } from '../../../src/channels/email/email-sender.js';
import {
  startImapIntake,
  type RunningImapIntake,
} from '../../../src/channels/email/imap-intake.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  seedElectricalCatalog,
  silentLog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';
import {
  buildPdf,
  deliver,
  imapConfigFor,
  newMailUser,
  startSmtpReceiver,
  type SmtpReceiver,
} from './email-support.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const mailbox = newMailUser('pipeline');
let pipeline: Pipeline;
let smtp: SmtpReceiver;
let sender: EmailSender;
let intake: RunningImapIntake;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  smtp = await startSmtpReceiver();
  sender = createEmailSender({
    db: testDb.db,
    smtp: { url: smtp.url, from: 'Order Desk <orders@distributor.test>' },
  });
  pipeline = track(startPipeline(testDb.db, { senders: { ...localSenders(), email: sender } }));
  intake = startImapIntake({
    db: testDb.db,
    ingest: (input) => ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input),
    imap: imapConfigFor(mailbox),
    log: silentLog,
    autoIdleDelayMs: 50,
  });
});

afterAll(async () => {
  await intake.close();
  sender.close();
  await smtp.close();
});

async function settledMessage(externalId: string) {
  return waitFor(
    async () => {
      const m = await testDb.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('channel', '=', 'email')
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return m && ['done', 'needs_review', 'failed'].includes(m.status) ? m : undefined;
    },
    {
      what: `mail ${externalId} to settle`,
      timeoutMs: 20_000,
    },
  );
}

async function orderLinesOf(messageId: string) {
  const order = await testDb.db
    .selectFrom('orders')
    .selectAll()
    .where('inbound_message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  const lines = await testDb.db
    .selectFrom('order_lines')
    .select(['sku', 'qty'])
    .where('order_id', '=', order.id)
    .orderBy('line_no')
    .execute();
  return { order, lines: lines.map((l) => [l.sku, l.qty]) };
}

describe('an emailed order from a dealer address', () => {
  it('becomes the right confirmed order and a threaded reply reaches the dealer', async () => {
    const d = await createElectricalDealer(testDb.db, {
      emails: ['Ramesh@Sharma-Electricals.test'],
    });
    expect(intake.state.snapshot().status).not.toBe('stopped');
    const messageId = await deliver(mailbox, {
      from: 'Ramesh Sharma <RAMESH@sharma-electricals.test>',
      subject: 'Order for this week',
      references: ['<older-1@sharma-electricals.test>'],
      text: 'Hi,\n\nPlease send\n2 box voltra mcb 16a\n3 coil copperline wire 2.5 sqmm\n\nRegards,\nRamesh\n9876543210',
    });

    const m = await settledMessage(messageId);
    expect(m.sender).toBe('ramesh@sharma-electricals.test');
    expect(m.subject).toBe('Order for this week');
    const { order, lines } = await orderLinesOf(m.id);
    expect(order.dealer_code).toBe(d.code);
    expect(order.channel).toBe('email');
    expect(order.status).toBe('confirmed');
    expect(lines).toEqual([
      ['ELX-MCB-16', 2],
      ['ELX-WIR-25', 3],
    ]);

    const reply = await waitFor(
      () => Promise.resolve(smtp.received.find((r) => r.inReplyTo === messageId)),
      { what: 'the reply at the SMTP receiver' },
    );
    expect(reply.subject).toBe('Re: Order for this week');
    expect(reply.to && !Array.isArray(reply.to) ? reply.to.text : '').toBe(
      'ramesh@sharma-electricals.test',
    );
    expect(reply.references).toEqual(['<older-1@sharma-electricals.test>', messageId]);
    expect(reply.text).toContain(`Order #${order.order_no} confirmed`);
    expect(reply.html).toContain(`Order #${order.order_no} confirmed`);
    // The worker marks the row sent after the SMTP server accepted it: wait for that write.
    const outbox = await waitFor(
      async () =>
        testDb.db
          .selectFrom('outbox')
          .selectAll()
          .where('inbound_message_id', '=', m.id)
          .where('status', '=', 'sent')
          .executeTakeFirst(),
      { what: 'the outbox row marked sent' },
    );
    expect(outbox.status).toBe('sent');
    // the reply's Message-ID is derived from the outbox row: a retry sends the same mail
    expect(reply.messageId).toBe(`<orderdesk.${outbox.id}@distributor.test>`);
    expect(intake.state.snapshot()).toMatchObject({ status: 'connected', lastError: null });
  });

  it('reads CSV, XLSX and PDF order sheets into the order, the body saying only "PFA"', async () => {
    await createElectricalDealer(testDb.db, { emails: ['buyer@gupta-traders.test'] });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Order');
    ws.addRow(['Gupta Traders — purchase order']);
    ws.addRow(['Sr No', 'Item Code', 'Item Description', 'Qty', 'Rate']);
    ws.addRow([1, 'ELX-LED-09', 'Lumex LED Bulb 9W', 4, 650]);
    ws.addRow(['', '', 'Total', 4, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const pdf = buildPdf([
      { x: 50, y: 700, text: 'Qty' },
      { x: 120, y: 700, text: 'Product' },
      { x: 50, y: 680, text: '5' },
      { x: 120, y: 680, text: 'Modix Switch 6A' },
    ]);
    const messageId = await deliver(mailbox, {
      from: 'buyer@gupta-traders.test',
      subject: 'PO attached',
      text: 'PFA our order.\n\nThanks & regards\nGupta Traders',
      attachments: [
        {
          filename: 'po.csv',
          // (a "Cases" column of an MCB sold by the box would ask how many boxes to a case)
          content: 'SKU,Description,Boxes\nELX-MCB-32,Voltra MCB 32A,1\n,Total,1\n',
        },
        { filename: 'po.xlsx', content: xlsx },
        { filename: 'po.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ],
    });
    const m = await settledMessage(messageId);
    expect(m.review_hold).toBeNull();
    expect(m.text.startsWith('Order sheet attached:\n')).toBe(true);
    const { order, lines } = await orderLinesOf(m.id);
    expect(order.status).toBe('confirmed');
    expect(lines.sort()).toEqual([
      ['ELX-LED-09', 4],
      ['ELX-MCB-32', 1],
      ['ELX-SWT-06', 5],
    ]);
    expect(m.attachments).toEqual([
      expect.objectContaining({ filename: 'po.csv', kind: 'csv', lines: 1, reason: null }),
      expect.objectContaining({ filename: 'po.xlsx', kind: 'xlsx', lines: 1, reason: null }),
      expect.objectContaining({ filename: 'po.pdf', kind: 'pdf', lines: 1, reason: null }),
      expect.objectContaining({ filename: 'logo.png', kind: 'other', lines: 0 }),
    ]);
  });

  it('sends a mail that failed DMARC at our server to review, never confirmed', async () => {
    await createElectricalDealer(testDb.db, { emails: ['owner@patel-hardware.test'] });
    const messageId = await deliver(mailbox, {
      from: 'owner@patel-hardware.test',
      subject: 'urgent order',
      headers: {
        'Authentication-Results':
          'mx.distributor.test; spf=fail smtp.mailfrom=patel-hardware.test; dkim=none; dmarc=fail (p=reject) header.from=patel-hardware.test',
      },
      text: '2 box voltra mcb 16a',
    });
    const m = await settledMessage(messageId);
    expect(m.status).toBe('needs_review');
    expect(m.review_hold).toMatch(/failed DMARC/);
    expect(m.error).toMatch(/failed DMARC/);
    const { order, lines } = await orderLinesOf(m.id);
    expect(order.status).toBe('needs_review');
    expect(lines).toEqual([['ELX-MCB-16', 2]]);
  });
});

describe('a statement asked for by email', () => {
  it('answers with the latest entries and the whole statement as a CSV attachment', async () => {
    const d = await createElectricalDealer(testDb.db, {
      emails: ['accounts@gupta-traders.test'],
      outstandingMinor: 2500_00n,
    });
    const messageId = await deliver(mailbox, {
      from: 'Accounts <accounts@gupta-traders.test>',
      subject: 'Statement',
      text: 'Please send our ledger.',
    });
    const m = await settledMessage(messageId);
    expect(m.dealer_code).toBe(d.code);
    const reply = await waitFor(
      () => Promise.resolve(smtp.received.find((r) => r.inReplyTo === messageId)),
      { what: 'the statement reply' },
    );
    expect(reply.text).toContain('Outstanding: ₹2,500.00');
    expect(reply.text).toContain('Your latest entry:');
    expect(reply.text).toContain('The full statement is attached as a CSV file.');
    expect(reply.attachments).toHaveLength(1);
    const [file] = reply.attachments;
    expect(file!.filename).toMatch(new RegExp(`^statement-${d.code}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(file!.contentType).toBe('text/csv');
    const csv = file!.content.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('date,entry,reference,debit,credit,balance');
    expect(csv).toContain(',Adjustment,');
    expect(csv).toContain(',2500.00,,2500.00');
  });
});
