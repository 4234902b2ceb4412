/**
 * The IMAP intake stopped and started again, with mail delivered while it
 * was down, a redelivered Message-ID and a UIDVALIDITY change: every mail
 * stored once, none missed. Intake only (the pipeline's workers are off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startImapIntake,
  type RunningImapIntake,
} from '../../../src/channels/email/imap-intake.js';
import { emailHealth } from '../../../src/channels/email/email-wiring.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { useTestDatabase } from '../../support/database.js';
import { kickDovecotUser } from '../../support/test-services.js';
import {
  closeAfterAll,
  silentLog,
  startPipeline,
  waitFor,
  type Pipeline,
} from '../../support/pipeline.js';
import { deliver, imapConfigFor, newMailUser } from './email-support.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
const mailbox = newMailUser('restart');
let pipeline: Pipeline;
const running = new Set<RunningImapIntake>();

beforeAll(() => {
  pipeline = track(startPipeline(testDb.db, { startWorkers: false }));
});
afterAll(async () => {
  for (const i of running) await i.close();
});

function start(): RunningImapIntake {
  const intake = startImapIntake({
    db: testDb.db,
    ingest: (input) => ingestMessage({ db: testDb.db, jobs: pipeline.jobs }, input),
    imap: imapConfigFor(mailbox),
    log: silentLog,
    autoIdleDelayMs: 50,
  });
  running.add(intake);
  return intake;
}

async function stop(intake: RunningImapIntake): Promise<void> {
  await intake.close();
  running.delete(intake);
}

async function storedIds(): Promise<string[]> {
  const rows = await testDb.db
    .selectFrom('inbound_messages')
    .select('external_id')
    .where('channel', '=', 'email')
    .orderBy('received_at')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.external_id);
}

async function waitForCount(n: number): Promise<string[]> {
  return waitFor(
    async () => {
      const ids = await storedIds();
      return ids.length >= n ? ids : undefined;
    },
    { what: `${n} stored mails` },
  );
}

const mail = (n: number) => ({
  from: 'dealer@restart.test',
  subject: `order ${n}`,
  text: `${n} box voltra mcb 16a`,
});

describe('the IMAP intake across restarts', () => {
  it('stores mail delivered while it was stopped, and nothing twice', async () => {
    let intake = start();
    const sent = [await deliver(mailbox, mail(1)), await deliver(mailbox, mail(2))];
    await waitForCount(2);
    await stop(intake);

    sent.push(await deliver(mailbox, mail(3)), await deliver(mailbox, mail(4)));
    // the same mail delivered again (a new UID, the same Message-ID)
    await deliver(mailbox, { ...mail(2), messageId: sent[1] });
    intake = start();
    sent.push(await deliver(mailbox, mail(5)));
    const ids = await waitForCount(5);
    await waitFor(
      async () => {
        const cp = await testDb.db.selectFrom('email_checkpoints').selectAll().executeTakeFirst();
        return cp?.last_uid === 6n ? cp : undefined;
      },
      { what: 'the checkpoint at UID 6' },
    );
    expect(ids.sort()).toEqual([...sent].sort());
    await stop(intake);
  });

  it('re-reads the whole mailbox after a UIDVALIDITY change without doubling anything', async () => {
    await testDb.db
      .updateTable('email_checkpoints')
      .set({ uid_validity: 42n, last_uid: 6n })
      .execute();
    const intake = start();
    await waitFor(
      async () => {
        const cp = await testDb.db.selectFrom('email_checkpoints').selectAll().executeTakeFirst();
        return cp && cp.uid_validity !== 42n && cp.last_uid === 6n ? cp : undefined;
      },
      { what: 'the checkpoint under the real UIDVALIDITY' },
    );
    expect(await storedIds()).toHaveLength(5);
    await stop(intake);
  });

  it('reconnects with a fresh client after the server drops the connection', async () => {
    const intake = start();
    await waitFor(() => Promise.resolve(intake.state.snapshot().status === 'connected'), {
      what: 'connected',
    });
    // /health reads the state the intake recorded in PostgreSQL, as an API-only process would
    const health = emailHealth(testDb.db, imapConfigFor(mailbox)).email!;
    await waitFor(async () => ((await health()) as { status: string }).status === 'ok', {
      what: '/health email ok',
    });
    expect(await health()).toMatchObject({ status: 'ok', state: 'connected' });
    // the server drops this user's IMAP sessions
    const kicked = await kickDovecotUser(mailbox);
    expect(kicked).toContain(mailbox);
    await waitFor(() => Promise.resolve(intake.state.snapshot().lastError !== null), {
      what: 'the intake to notice the disconnect',
    });
    await waitFor(() => Promise.resolve(intake.state.snapshot().status === 'connected'), {
      what: 'reconnected',
    });
    const id = await deliver(mailbox, mail(7));
    await waitFor(async () => ((await storedIds()).includes(id) ? true : undefined), {
      what: 'the mail after the reconnect',
      timeoutMs: 15_000,
    });
    expect(await storedIds()).toHaveLength(6);
    // the state row is written after the mail is stored (its own chained write): wait for it
    const row = await waitFor(
      async () => {
        const r = await testDb.db
          .selectFrom('channel_states')
          .selectAll()
          .where('channel', '=', 'email')
          .executeTakeFirstOrThrow();
        return r.detail?.includes('last mail') ? r : undefined;
      },
      { what: 'the state row with the last mail' },
    );
    expect(row.state).toBe('connected');
    expect(row.detail).toContain(`mailbox INBOX`);
    expect(row.detail).toMatch(/last mail \d{4}-/);
    expect(row.detail).toContain('last error:');

    await stop(intake);
    expect(await health()).toMatchObject({ status: 'down', state: 'stopped' });
  });
});
