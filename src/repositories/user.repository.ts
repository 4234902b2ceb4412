/**
 * Ops console users. Emails are stored lower-cased; the password only as an
 * argon2id hash (hashing lives in services/users.ts, never here).
 */
import type { User, UserRole } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface InsertUserInput {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
}

/** Inserts a user; null when the email is taken. */
export async function insertUser(db: Executor, input: InsertUserInput): Promise<User | null> {
  const row = await db
    .insertInto('users')
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function updateUserPassword(
  db: Executor,
  id: string,
  passwordHash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function updateUserRole(db: Executor, id: string, role: UserRole): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

export async function updateUserActive(db: Executor, id: string, active: boolean): Promise<void> {
  await db.updateTable('users').set({ active }).where('id', '=', id).execute();
}

export async function recordUserLogin(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function listUsers(db: Executor): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}
