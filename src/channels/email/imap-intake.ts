/**
 * Email intake: keeps one IMAP connection to the orders mailbox, IDLEs on
 * it, and stores every new mail through `ingest` exactly once.
 *
 * Nothing missed, nothing read twice:
 * - A checkpoint (account, mailbox → UIDVALIDITY, last UID) lives in
 *   PostgreSQL and advances past a UID only after that mail is stored. A
 *   crash in between re-reads the mail on restart; ingest dedupes it on the
 *   unique (channel, external id = Message-ID).
 * - A different UIDVALIDITY means the server renumbered the mailbox: every
 *   mail is read again and the same dedupe keeps each one single.
 * - Each sync fetches `lastUid+1:*`; `*` always names the newest message,
 *   so UIDs at or below the checkpoint are filtered out.
 *
 * Reconnect: any error or a closed connection ends the session; after an
 * exponential backoff (with jitter) a NEW ImapFlow client connects — a
 * closed one cannot be reused. New mail is seen through IDLE (`exists`),
 * and a periodic re-sync covers a server that drops IDLE silently.
 */
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ImapConfig } from '../../config/config.js';
import type { DB } from '../../db/schema.js';
import type { IngestMessageInput, IngestMessageResult } from '../../services/ingest-message.js';
import { EmailChannelState } from './email-channel-state.js';
import { recordEmailState } from './email-state-record.js';
import { findEmailCheckpoint, saveEmailCheckpoint, upsertEmailThread } from './email.repository.js';
import { readEmail } from './read-email.js';

/** Mails larger than this are not downloaded; their headers are stored with a reason. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;

export interface StartImapIntakeDeps {
  db: Kysely<DB>;
  ingest: (input: IngestMessageInput) => Promise<IngestMessageResult>;
  imap: Readonly<ImapConfig>;
  log: Logger;
  /** Overrides `imap.authservId` (our receiving server's authserv-id for DMARC). */
  authservId?: string | null;
  /** Default: a new state for `imap.mailbox`. */
  state?: EmailChannelState;
  /** Delay before IDLE after a command, ms. Default 100 (imapflow's own is 15 s). */
  autoIdleDelayMs?: number;
  /** First reconnect delay, ms; doubles per failure up to `maxBackoffMs`. Default 1000. */
  minBackoffMs?: number;
  /** Default 60 000. */
  maxBackoffMs?: number;
  /** A full re-sync this often even without IDLE news, ms. Default 60 000. */
  resyncIntervalMs?: number;
  /** Default `MAX_MAIL_BYTES`. */
  maxMailBytes?: number;
  /** How often the intake's state row is marked alive, ms. Default 30 000. */
  heartbeatMs?: number;
}

export interface RunningImapIntake {
  state: EmailChannelState;
  /** Resolves after the next sync that finds nothing new (tests, operators). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function startImapIntake(deps: StartImapIntakeDeps): RunningImapIntake {
  const state = deps.state ?? new EmailChannelState(deps.imap.mailbox);
  const stopRecording = recordEmailState({
    db: deps.db,
    state,
    log: deps.log,
    ...(deps.heartbeatMs === undefined ? {} : { heartbeatMs: deps.heartbeatMs }),
  });
  const account = `${deps.imap.user}@${deps.imap.host}:${deps.imap.port}`;
  const minBackoff = deps.minBackoffMs ?? 1_000;
  const maxBackoff = deps.maxBackoffMs ?? 60_000;
  const log = deps.log.child({ channel: 'email', mailbox: deps.imap.mailbox });
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;
  const idleWaiters: (() => void)[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function session(): Promise<void> {
    const c = new ImapFlow({
      host: deps.imap.host,
      port: deps.imap.port,
      secure: deps.imap.tls,
      auth: { user: deps.imap.user, pass: deps.imap.password },
      logger: false,
      autoIdleDelay: deps.autoIdleDelayMs ?? 100,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      socketTimeout: 5 * 60_000,
    });
    client = c;
    let closed = false;
    let lastError: string | null = null;
    c.on('error', (error: Error) => {
      lastError = error.message;
      log.warn({ err: error }, 'imap error');
    });
    const closedPromise = new Promise<void>((resolve) => {
      c.once('close', () => {
        closed = true;
        resolve();
      });
    });
    try {
      await c.connect();
      await c.mailboxOpen(deps.imap.mailbox);
      state.connected();
      log.info('connected to the mailbox');

      // One sync at a time; news during a sync schedules exactly one more.
      let syncing: Promise<void> | null = null;
      let again = false;
      let syncError: unknown = null;
      const sync = (): void => {
        if (syncing) {
          again = true;
          return;
        }
        syncing = (async () => {
          do {
            again = false;
            const found = await syncOnce(c);
            if (!found && !again) for (const w of idleWaiters.splice(0)) w();
          } while (again && !stopped && !closed);
        })()
          .catch((error: unknown) => {
            syncError = error;
            // A failed sync ends the session: reconnecting re-reads from the checkpoint.
            void c.logout().catch(() => c.close());
          })
          .finally(() => {
            syncing = null;
          });
      };
      c.on('exists', () => sync());
      sync();
      const timer = setInterval(sync, deps.resyncIntervalMs ?? 60_000);
      try {
        await closedPromise;
      } finally {
        clearInterval(timer);
      }
      await (syncing as Promise<void> | null);
      if (syncError !== null) throw syncError;
      if (!stopped) throw new Error(lastError ?? 'the IMAP connection closed');
    } finally {
      client = null;
      if (!closed) c.close();
    }
  }

  /** Reads everything after the checkpoint; true when it stored something. */
  async function syncOnce(c: ImapFlow): Promise<boolean> {
    const mailbox = c.mailbox;
    if (!mailbox) throw new Error('no mailbox is open');
    const uidValidity = BigInt(mailbox.uidValidity);
    const saved = await findEmailCheckpoint(deps.db, account, deps.imap.mailbox);
    let lastUid = saved !== null && saved.uidValidity === uidValidity ? saved.lastUid : 0n;
    if (saved !== null && saved.uidValidity !== uidValidity) {
      log.warn(
        { was: String(saved.uidValidity), now: String(uidValidity) },
        'UIDVALIDITY changed: re-reading the whole mailbox (Message-ID dedupe keeps each mail once)',
      );
    }
    if (saved === null || saved.uidValidity !== uidValidity) {
      await saveEmailCheckpoint(deps.db, {
        account,
        mailbox: deps.imap.mailbox,
        uidValidity,
        lastUid,
      });
    }
    if (mailbox.exists === 0) return false;
    // Never issue another command inside a fetch iteration (imapflow would deadlock): list first.
    const listed = await c.fetchAll(
      `${lastUid + 1n}:*`,
      { uid: true, size: true, internalDate: true },
      { uid: true },
    );
    const pending = listed.filter((m) => BigInt(m.uid) > lastUid).sort((a, b) => a.uid - b.uid);
    for (const item of pending) {
      if (stopped) break;
      await storeOne(c, item);
      lastUid = BigInt(item.uid);
      await saveEmailCheckpoint(deps.db, {
        account,
        mailbox: deps.imap.mailbox,
        uidValidity,
        lastUid,
      });
    }
    return pending.length > 0;
  }

  async function storeOne(c: ImapFlow, item: FetchMessageObject): Promise<void> {
    const maxBytes = deps.maxMailBytes ?? MAX_MAIL_BYTES;
    const size = item.size ?? 0;
    const tooLarge = size > maxBytes;
    const fetched = await c.fetchOne(
      String(item.uid),
      tooLarge ? { uid: true, headers: true } : { uid: true, source: true },
      { uid: true },
    );
    if (fetched === false) return; // expunged meanwhile: nothing to store
    const internalDate =
      item.internalDate instanceof Date
        ? item.internalDate
        : item.internalDate
          ? new Date(item.internalDate)
          : null;
    const read = await readEmail({
      source: tooLarge ? null : (fetched.source ?? Buffer.alloc(0)),
      headers: tooLarge ? (fetched.headers ?? null) : null,
      size,
      maxBytes,
      internalDate,
      authservId: deps.authservId ?? deps.imap.authservId,
    });
    await upsertEmailThread(deps.db, read.thread);
    const result = await deps.ingest(read.message);
    state.messageStored(result.duplicate);
    log.info(
      {
        uid: item.uid,
        messageId: result.messageId,
        duplicate: result.duplicate,
        hold: read.message.reviewHold ?? null,
      },
      result.duplicate ? 'mail already stored' : 'mail stored',
    );
  }

  const running = (async () => {
    let failures = 0;
    while (!stopped) {
      const started = Date.now();
      try {
        await session();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        state.disconnected(message);
        if (stopped) break;
        // a session that ran a while before failing starts the backoff afresh
        if (Date.now() - started > 60_000) failures = 0;
        const delay = Math.min(maxBackoff, minBackoff * 2 ** failures);
        failures++;
        log.warn({ err: error, retryInMs: delay }, 'email intake disconnected; reconnecting');
        await sleep(delay * (0.8 + Math.random() * 0.4));
      }
    }
    state.stopped();
  })();

  return {
    state,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
      }),
    async close() {
      stopped = true;
      wake?.();
      const c = client;
      if (c) await c.logout().catch(() => c.close());
      await running;
      await stopRecording();
      for (const w of idleWaiters.splice(0)) w();
    },
  };
}
