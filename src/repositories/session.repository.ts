/**
 * Console sessions in PostgreSQL (so any API process can serve any request).
 * Rows are keyed by the sha256 of the cookie value. A session is usable
 * while both clocks allow it: `last_seen_at` within the idle timeout and
 * now before `expires_at` (the absolute timeout).
 */
import { sql } from 'kysely';
import type { Session, User } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface InsertSessionInput {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export async function insertSession(db: Executor, input: InsertSessionInput): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: input.id,
      user_id: input.userId,
      csrf_token: input.csrfToken,
      expires_at: input.expiresAt,
      user_agent: input.userAgent,
      ip: input.ip,
    })
    .execute();
}

export type SessionWithUser = Session & {
  user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'active'>;
};

/**
 * The session and its user when still usable (not idle longer than
 * `idleMs`, not past `expires_at`, user active), touching `last_seen_at` in
 * the same statement; undefined otherwise.
 */
export async function touchUsableSession(
  db: Executor,
  id: string,
  idleMs: number,
): Promise<SessionWithUser | undefined> {
  const { rows } = await sql<
    Session & { email: string; name: string; role: User['role']; active: boolean }
  >`
    UPDATE sessions s SET last_seen_at = now()
    FROM users u
    WHERE s.id = ${id} AND u.id = s.user_id AND u.active
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(secs => ${idleMs / 1000})
    RETURNING s.*, u.email, u.name, u.role, u.active`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { email, name, role, active, ...session } = row;
  return { ...session, user: { id: session.user_id, email, name, role, active } };
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Signs a user out everywhere (a new password, another role); returns how many sessions ended. */
export async function deleteUserSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past either timeout; returns how many. */
export async function deleteExpiredSessions(db: Executor, idleMs: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
