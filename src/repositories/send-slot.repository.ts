/**
 * Send pacing shared by every process: `send_slots` holds, per key (a
 * recipient, a sending number), the earliest time the next send may go.
 * Reserving a slot is one statement: the row lock serialises concurrent
 * reservers, each gets the next free time and pushes it one gap further.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

export interface ReserveSendSlotInput {
  key: string;
  /** Minimum time between two sends on this key, ms. */
  gapMs: number;
  /** Refuse (null) rather than book a slot further ahead than this, ms. */
  maxWaitMs: number;
}

/** The time this send may go (now or later), or null when the queue on the key is too long. */
export async function reserveSendSlot(
  db: Executor,
  input: ReserveSendSlotInput,
): Promise<Date | null> {
  const gap = input.gapMs / 1000;
  const maxWait = input.maxWaitMs / 1000;
  const { rows } = await sql<{ slot: Date }>`
    INSERT INTO send_slots AS s (key, next_at)
    VALUES (${input.key}, clock_timestamp() + make_interval(secs => ${gap}))
    ON CONFLICT (key) DO UPDATE
      SET next_at = greatest(s.next_at, clock_timestamp()) + make_interval(secs => ${gap})
      WHERE s.next_at <= clock_timestamp() + make_interval(secs => ${maxWait})
    RETURNING next_at - make_interval(secs => ${gap}) AS slot`.execute(db);
  return rows[0]?.slot ?? null;
}
