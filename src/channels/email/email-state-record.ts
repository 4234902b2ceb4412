/**
 * Writes the email intake's state to channel_states ('email'), so /health
 * and the console's Channels page answer for it from any process — an API
 * process without an intake, or one of several workers. A heartbeat marks the
 * owner alive; one that died without saying so turns `stale` on /health.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import {
  saveChannelState,
  touchChannelState,
} from '../../repositories/channel-state.repository.js';
import type { EmailChannelSnapshot, EmailChannelState } from './email-channel-state.js';

export const EMAIL_CHANNEL = 'email';

/** What the Channels page shows under the state: the mailbox, last mail, last error. */
export function describeEmailState(s: EmailChannelSnapshot): string {
  const parts = [`mailbox ${s.mailbox}`];
  if (s.lastMessageAt !== null) parts.push(`last mail ${s.lastMessageAt.toISOString()}`);
  if (s.lastError !== null) parts.push(`last error: ${s.lastError}`);
  return parts.join(' · ');
}

/** Starts recording; the returned function stops it after the last write has landed. */
export function recordEmailState(deps: {
  db: Kysely<DB>;
  state: EmailChannelState;
  log: Logger;
  /** Default 30 s (a check counts the owner gone after 90 s). */
  heartbeatMs?: number;
}): () => Promise<void> {
  // Writes are chained so PostgreSQL sees the states in the order they happened.
  let writes: Promise<void> = Promise.resolve();
  const persist = (write: () => Promise<void>) => {
    writes = writes.then(write).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not record the email channel state');
    });
  };
  const save = (s: EmailChannelSnapshot) =>
    persist(() =>
      saveChannelState(deps.db, {
        channel: EMAIL_CHANNEL,
        state: s.status,
        detail: describeEmailState(s),
      }),
    );
  save(deps.state.snapshot());
  const unsubscribe = deps.state.onChange(save);
  const heartbeat = setInterval(
    () => persist(() => touchChannelState(deps.db, EMAIL_CHANNEL)),
    deps.heartbeatMs ?? 30_000,
  );
  heartbeat.unref();
  return async () => {
    unsubscribe();
    clearInterval(heartbeat);
    await writes;
  };
}
