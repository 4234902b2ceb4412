/**
 * /health entries for channels whose owner writes its state to
 * channel_states (whatsapp-web in the worker that holds the session,
 * whatsapp-cloud from webhooks and sends). Read from PostgreSQL, so any
 * process answers for the owner; an owner that stopped writing its
 * heartbeat counts as down (`stale`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ChannelCheck, HealthCheck } from '../http/health/health-checks.js';
import { findChannelState } from '../repositories/channel-state.repository.js';

export interface ChannelStateCheckOptions {
  /** States that count as up. */
  okStates: readonly string[];
  /** No heartbeat for this long: the owner is gone, ms. Default 90 s; 0: never stale. */
  staleMs?: number;
  /** Reported when the owner never wrote a row. Default `not_started` (down). */
  missing?: ChannelCheck;
}

export function channelStateCheck(
  db: Kysely<DB>,
  channel: string,
  options: ChannelStateCheckOptions,
): HealthCheck {
  const staleMs = options.staleMs ?? 90_000;
  return async () => {
    const row = await findChannelState(db, channel);
    if (row === undefined) {
      return options.missing ?? { status: 'down', state: 'not_started', since: null };
    }
    if (staleMs > 0 && Date.now() - row.heartbeat_at.getTime() > staleMs) {
      return {
        status: 'down',
        state: 'stale',
        since: row.heartbeat_at.toISOString(),
        last_state: row.state,
      };
    }
    return {
      status: options.okStates.includes(row.state) ? 'ok' : 'down',
      state: row.state,
      since: row.since.toISOString(),
      ...(row.detail === null ? {} : { detail: row.detail }),
    };
  };
}
