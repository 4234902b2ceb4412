/**
 * What the email intake does with mail it cannot read normally: a 5 MB
 * attachment, a mail over the size cap, and bytes that are not MIME at all.
 * Each is stored with a reason for a person; the intake keeps running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startImapIntake,
  type RunningImapIntake,
} from '../../../src/channels/email/imap-intake.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  silentLog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';
import { deliver, deliverRaw, imapConfigFor, newMailUser } from './email-support.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const mailbox = newMailUser('limits');
let pipeline: Pipeline;
let intake: RunningImapIntake;

beforeAll(() => {
  pipeline = track(startPipeline(testDb.db, { sweepIntervalMs: 0 }));
  intake = startImapIntake({
    db: testDb.db,
    ingest: (input) => ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input),
    imap: imapConfigFor(mailbox),
    log: silentLog,
    autoIdleDelayMs: 50,
    maxMailBytes: 8 * 1024 * 1024,
  });
});
afterAll(async () => {
  await intake.close();
});

async function settled(where: (subject: string | null, text: string) => boolean) {
  return waitFor(
    async () => {
      const rows = await testDb.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('status', 'in', ['done', 'needs_review', 'failed'])
        .execute();
      return rows.find((r) => where(r.subject, r.text));
    },
    { what: 'the mail to be stored and settled', timeoutMs: 30_000 },
  );
}

describe('mail the intake cannot read normally', () => {
  it('records a 5 MB attachment as too large to read and sends the mail to review', async () => {
    await deliver(mailbox, {
      from: 'big@sender.test',
      subject: 'big sheet',
      text: 'order attached',
      attachments: [{ filename: 'huge.csv', content: Buffer.alloc(5 * 1024 * 1024, 'x') }],
    });
    const m = await settled((s) => s === 'big sheet');
    expect(m.attachments).toEqual([
      expect.objectContaining({
        filename: 'huge.csv',
        kind: 'csv',
        size: 5 * 1024 * 1024,
        lines: 0,
      }),
    ]);
    expect(m.review_hold).toMatch(/huge\.csv" was not read: too large to read: 5\.0 MB/);
    expect(m.status).toBe('needs_review');
  });

  it('stores only the headers of a mail over the size cap, with the reason', async () => {
    await deliver(mailbox, {
      from: 'Huge Sender <huge@sender.test>',
      subject: 'enormous',
      text: 'see attachment',
      attachments: [{ filename: 'scan.bin', content: Buffer.alloc(9 * 1024 * 1024, 'y') }],
    });
    const m = await settled((s) => s === 'enormous');
    expect(m.sender).toBe('huge@sender.test');
    expect(m.review_hold).toMatch(/over the 8\.0 MB limit: only its headers were read/);
    expect(m.text).toBe('');
    expect(m.status).toBe('failed');
  });

  it('stores bytes that are not MIME with a reason, and keeps reading the next mail', async () => {
    await deliverRaw(mailbox, Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x80, 0x81, 0x0a]));
    await deliverRaw(mailbox, 'this is not\r\na mail at all: (((\r\n');
    await deliver(mailbox, {
      from: 'after@sender.test',
      subject: 'after the garbage',
      text: 'hello',
    });
    await settled((s) => s === 'after the garbage');
    const rows = await testDb.db
      .selectFrom('inbound_messages')
      .select(['external_id', 'sender', 'status', 'error', 'review_hold'])
      .where('sender', '=', 'unknown-sender@invalid')
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.external_id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.error).not.toBeNull();
    }
    expect(intake.state.snapshot()).toMatchObject({ status: 'connected' });
  });
});
