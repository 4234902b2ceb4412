/**
 * How main.ts starts the email channel. The intake runs in the worker role
 * (one IMAP connection per worker process; the PG checkpoint keeps two
 * processes on one mailbox from storing a mail twice, and ingest dedupes
 * what they race on). It records its state in channel_states, so
 * `checks.email` on /health answers in any role.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FrozenConfig } from '../../config/index.js';
import type { DB } from '../../db/schema.js';
import type { HealthCheck } from '../../http/health/health-checks.js';
import type { IngestMessageInput, IngestMessageResult } from '../../services/ingest-message.js';
import { channelStateCheck } from '../channel-state-check.js';
import { EMAIL_CHANNEL } from './email-state-record.js';
import { createEmailSender, type EmailSender } from './email-sender.js';
import { startImapIntake, type RunningImapIntake } from './imap-intake.js';

/** `{ email: check }` when a mailbox is configured (IMAP_HOST), read from PostgreSQL. */
export function emailHealth(
  db: Kysely<DB>,
  imap: FrozenConfig['imap'],
): Record<string, HealthCheck> {
  return imap === null
    ? {}
    : { [EMAIL_CHANNEL]: channelStateCheck(db, EMAIL_CHANNEL, { okStates: ['connected'] }) };
}

export interface EmailWorkerParts {
  /** null unless SMTP_URL is set. */
  sender: EmailSender | null;
  /** null unless IMAP_HOST is set. */
  intake: RunningImapIntake | null;
  stop(): Promise<void>;
}

export function startEmailWorkerParts(deps: {
  db: Kysely<DB>;
  config: FrozenConfig;
  logger: Logger;
  ingest: (input: IngestMessageInput) => Promise<IngestMessageResult>;
}): EmailWorkerParts {
  const { config } = deps;
  const sender =
    config.smtp === null ? null : createEmailSender({ db: deps.db, smtp: config.smtp });
  const intake =
    config.imap === null
      ? null
      : startImapIntake({
          db: deps.db,
          ingest: deps.ingest,
          imap: config.imap,
          log: deps.logger,
        });
  return {
    sender,
    intake,
    async stop() {
      await intake?.close();
      sender?.close();
    },
  };
}
