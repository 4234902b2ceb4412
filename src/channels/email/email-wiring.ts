/**
 * How main.ts starts the email channel. The intake runs in the worker role
 * (one IMAP connection per worker process; the PG checkpoint keeps two
 * processes on one mailbox from storing a mail twice, and ingest dedupes
 * what they race on). `checks.email` on /health reports the intake of the
 * same process, so it appears where API and workers run together (the
 * default `npm start`).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FrozenConfig } from '../../config/index.js';
import type { DB } from '../../db/schema.js';
import type { HealthCheck } from '../../http/health/health-checks.js';
import type { IngestMessageInput, IngestMessageResult } from '../../services/ingest-message.js';
import { EmailChannelState, emailHealthCheck } from './email-channel-state.js';
import { createEmailSender, type EmailSender } from './email-sender.js';
import { startImapIntake, type RunningImapIntake } from './imap-intake.js';

/** The state object shared by the intake and /health; null when IMAP_HOST is not set. */
export function createEmailChannelState(config: FrozenConfig): EmailChannelState | null {
  return config.imap === null ? null : new EmailChannelState(config.imap.mailbox);
}

/** `{ email: check }` when this process runs the intake (role worker or all), else `{}`. */
export function emailHealth(
  state: EmailChannelState | null,
  role: 'all' | 'api' | 'worker',
): Record<string, HealthCheck> {
  return state !== null && role === 'all' ? { email: emailHealthCheck(state) } : {};
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
  state: EmailChannelState | null;
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
          ...(deps.state === null ? {} : { state: deps.state }),
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
