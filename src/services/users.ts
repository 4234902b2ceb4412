/**
 * Console users: create, change a password, check a login. Passwords are
 * hashed with argon2id (@node-rs/argon2 defaults: 19 MiB, 2 passes, 1 lane,
 * the OWASP minimum) and stored as a PHC string that carries its parameters,
 * so stronger settings later still verify old hashes.
 */
import { inTransaction } from '../db/transaction.js';
import { deleteUserSessions } from '../repositories/session.repository.js';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import { USER_ROLES, type DB, type User, type UserRole } from '../db/schema.js';
import {
  findUserByEmail,
  insertUser,
  updateUserActive,
  updateUserPassword,
  updateUserRole,
} from '../repositories/user.repository.js';

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

const createUserSchema = z.object({
  email: z.email({ message: 'must be an email address' }).trim().toLowerCase(),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(1024),
});

export type CreateUserInput = z.input<typeof createUserSchema>;

export async function hashPassword(password: string): Promise<string> {
  // Algorithm.Argon2id is the library default (a const enum we cannot import under isolated modules).
  return hash(password);
}

/** Creates a user; CONFLICT when the email is taken, INVALID_INPUT for a bad field. */
export async function createUser(db: Kysely<DB>, input: CreateUserInput): Promise<User> {
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  const user = await insertUser(db, {
    email: data.email,
    name: data.name ?? data.email.split('@')[0] ?? data.email,
    role: data.role,
    passwordHash,
  });
  if (user === null) throw new AppError('CONFLICT', `a user with email ${data.email} exists`);
  return user;
}

export interface SetPasswordInput {
  email: string;
  password: string;
  role?: UserRole;
}

/**
 * Sets a user's password (and role) and ends every session they have: whoever held the old
 * password is signed out. NOT_FOUND when there is no such user.
 */
export async function setUserPassword(db: Kysely<DB>, input: SetPasswordInput): Promise<User> {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw new AppError('NOT_FOUND', `no user with email ${input.email}`);
  createUserSchema.shape.password.parse(input.password);
  const hash = await hashPassword(input.password);
  await inTransaction(db, async (trx) => {
    await updateUserPassword(trx, user.id, hash);
    if (input.role !== undefined) await updateUserRole(trx, user.id, input.role);
    await deleteUserSessions(trx, user.id);
  });
  return { ...user, role: input.role ?? user.role };
}

/**
 * Deactivates a user (no sign-in, every session ended at once) or activates one again.
 * NOT_FOUND when there is no such user.
 */
export async function setUserActive(db: Kysely<DB>, email: string, active: boolean): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError('NOT_FOUND', `no user with email ${email}`);
  await inTransaction(db, async (trx) => {
    await updateUserActive(trx, user.id, active);
    if (!active) await deleteUserSessions(trx, user.id);
  });
  return { ...user, active };
}

// Verifying against this when the email is unknown keeps a wrong email and a
// wrong password equally slow, so timing does not tell which emails exist.
let dummyHash: Promise<string> | null = null;

/** The active user whose password this is, or null. */
export async function checkLogin(
  db: Kysely<DB>,
  email: string,
  password: string,
): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.active) {
    dummyHash ??= hash('not-a-real-password-0123456789');
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(user.password_hash, password).catch(() => false);
  return ok ? user : null;
}
