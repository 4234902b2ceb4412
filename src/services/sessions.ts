/**
 * Console sessions: a random 256-bit cookie value whose sha256 keys the row,
 * a fresh id at every login (the old one, if any, is deleted: no session
 * fixation), a per-session CSRF token, idle and absolute timeouts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  deleteSession,
  insertSession,
  touchUsableSession,
  type SessionWithUser,
} from '../repositories/session.repository.js';
import { recordUserLogin } from '../repositories/user.repository.js';

/** Default idle timeout: 30 minutes without a request. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Default absolute timeout: 12 hours after login, whatever the activity. */
export const DEFAULT_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface StartSessionInput {
  userId: string;
  /** The cookie the browser sent before logging in, if any: deleted (rotation). */
  previousToken: string | null;
  absoluteTimeoutMs: number;
  userAgent: string | null;
  ip: string | null;
  now?: Date;
}

/** Creates a session; returns the cookie value (never stored) and the CSRF token. */
export async function startSession(
  db: Kysely<DB>,
  input: StartSessionInput,
): Promise<{ token: string; csrfToken: string }> {
  const now = input.now ?? new Date();
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction().execute(async (trx) => {
    if (input.previousToken !== null)
      await deleteSession(trx, hashSessionToken(input.previousToken));
    await insertSession(trx, {
      id: hashSessionToken(token),
      userId: input.userId,
      csrfToken,
      expiresAt: new Date(now.getTime() + input.absoluteTimeoutMs),
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      ip: input.ip,
    });
    await recordUserLogin(trx, input.userId, now);
  });
  return { token, csrfToken };
}

/** The session behind a cookie value, if still usable (and marks it used now). */
export async function resumeSession(
  db: Kysely<DB>,
  token: string,
  idleTimeoutMs: number,
): Promise<SessionWithUser | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  return touchUsableSession(db, hashSessionToken(token), idleTimeoutMs);
}

export async function endSession(db: Kysely<DB>, token: string): Promise<void> {
  await deleteSession(db, hashSessionToken(token));
}
