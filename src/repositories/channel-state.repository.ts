/**
 * channel_states: the state of a long-lived channel adapter (whatsapp-web,
 * whatsapp-cloud), written by the process that owns it and read by any
 * process (/health, the console's QR). `since` moves only when the state
 * changes; `heartbeat_at` moves on every write, so a reader can tell a live
 * owner from one that died without saying so.
 */
import { sql } from 'kysely';
import type { Row } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type ChannelState = Row<'channel_states'>;

export interface SaveChannelStateInput {
  channel: string;
  state: string;
  detail?: string | null;
  /** Kept only while set; any other state clears it unless given. */
  qrDataUrl?: string | null;
}

export async function saveChannelState(db: Executor, input: SaveChannelStateInput): Promise<void> {
  await sql`
    INSERT INTO channel_states (channel, state, since, detail, qr_data_url, heartbeat_at)
    VALUES (${input.channel}, ${input.state}, clock_timestamp(), ${input.detail ?? null},
            ${input.qrDataUrl ?? null}, clock_timestamp())
    ON CONFLICT (channel) DO UPDATE SET
      since = CASE WHEN channel_states.state = excluded.state THEN channel_states.since
                   ELSE excluded.since END,
      state = excluded.state,
      detail = excluded.detail,
      qr_data_url = excluded.qr_data_url,
      heartbeat_at = excluded.heartbeat_at`.execute(db);
}

/** The owner is alive: moves the heartbeat only. */
export async function touchChannelState(db: Executor, channel: string): Promise<void> {
  await db
    .updateTable('channel_states')
    .set({ heartbeat_at: sql<Date>`clock_timestamp()` })
    .where('channel', '=', channel)
    .execute();
}

export async function findChannelState(
  db: Executor,
  channel: string,
): Promise<ChannelState | undefined> {
  return db
    .selectFrom('channel_states')
    .selectAll()
    .where('channel', '=', channel)
    .executeTakeFirst();
}
