/**
 * Pacing for channels that punish bursts (WhatsApp: about one message per
 * 6 s to one user, 80 per second per sending number on the Cloud API). A
 * send first books a slot on each key it must respect and waits for it; the
 * slots live in PostgreSQL (send_slots), so several worker processes share
 * one pace. A queue too long to wait for is a retryable failure: the outbox
 * tries the row again later instead of a worker sleeping past its lease.
 *
 * Slots are booked exactly `gap` apart on PostgreSQL's clock; a send that
 * gets its (immediate) slot back a round trip late may go that many
 * milliseconds closer to the next one — noise next to WhatsApp's seconds.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { reserveSendSlot } from '../repositories/send-slot.repository.js';

export interface SendPacer {
  /** Resolves when a send on `key` may go, `gapMs` after the previous one; throws when the wait would be too long. */
  wait(key: string, gapMs: number): Promise<void>;
  /** The longest wait it accepts, ms (a sender booking slots itself refuses the same). */
  readonly maxWaitMs?: number;
}

export interface PgSendPacerOptions {
  db: Kysely<DB>;
  /** Longest wait a send accepts before it is left for a later retry, ms. Default 15 000. */
  maxWaitMs?: number;
}

/** Thrown when a key's queue is longer than `maxWaitMs`: retry later (not a permanent failure). */
export class PacingBusyError extends Error {
  override readonly name = 'PacingBusyError';
}

export function pgSendPacer(options: PgSendPacerOptions): SendPacer {
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  return {
    maxWaitMs,
    async wait(key, gapMs) {
      if (gapMs <= 0) return;
      const slot = await reserveSendSlot(options.db, { key, gapMs, maxWaitMs });
      if (slot === null) {
        throw new PacingBusyError(`send pacing: more than ${maxWaitMs} ms queued on ${key}`);
      }
      const delay = slot.getTime() - Date.now();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  };
}
