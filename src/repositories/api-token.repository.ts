/**
 * API tokens issued besides ORDERDESK_API_TOKEN. Only a sha256 hash of each
 * token is stored (hex), so a leaked table does not leak usable tokens.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ApiToken, ApiTokenRole } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

/** sha256 of a token, hex: the form stored in `api_tokens.token_hash`. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type UsableApiToken = Pick<ApiToken, 'id' | 'name' | 'role'>;

/** The token with this hash if it is neither revoked nor expired. */
export async function findUsableApiToken(
  db: Executor,
  tokenHash: string,
): Promise<UsableApiToken | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
}

/**
 * Records that a token was used. Written at most once a minute per token, so
 * a busy client does not turn every request into a row update.
 */
export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}

export interface CreateApiTokenInput {
  name: string;
  /** The plain token; only its hash is stored. */
  token: string;
  /** Default `admin`. */
  role?: ApiTokenRole;
  expiresAt?: Date | null;
}

export async function createApiToken(
  db: Executor,
  input: CreateApiTokenInput,
): Promise<UsableApiToken> {
  return db
    .insertInto('api_tokens')
    .values({
      name: input.name,
      token_hash: hashApiToken(input.token),
      ...(input.role === undefined ? {} : { role: input.role }),
      expires_at: input.expiresAt ?? null,
    })
    .returning(['id', 'name', 'role'])
    .executeTakeFirstOrThrow();
}

/** Revokes every live token with this name; the number revoked. */
export async function revokeApiTokens(db: Executor, name: string): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function listApiTokens(db: Executor) {
  return db
    .selectFrom('api_tokens')
    .select(['name', 'role', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}
