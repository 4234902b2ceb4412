/**
 * Signing dealers in to the portal without passwords: a single-use,
 * short-lived link sent over the dealer's own channel, exchanged for a
 * device session. Only sha256 hashes of the secrets are stored. Opening the
 * link (GET) changes nothing — chat apps fetch links for previews — the
 * dealer's tap on "Continue" (POST) spends it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, PortalSession } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';

/** A link works this long after it was sent. */
export const PORTAL_LINK_TTL_MS = 15 * 60 * 1000;
/** A device stays signed in this long (unless revoked). */
export const PORTAL_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** At most this many links per dealer per rolling hour. */
export const PORTAL_LINKS_PER_HOUR = 5;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export type IssueLinkResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: 'rate_limited'; retryInMinutes: number };

/** Creates a link for a dealer, unless the dealer had PORTAL_LINKS_PER_HOUR in the last hour. */
export async function issuePortalLink(
  db: Executor,
  input: { dealerCode: string; requestedBy: string; now: Date },
): Promise<IssueLinkResult> {
  const hourAgo = new Date(input.now.getTime() - 60 * 60 * 1000);
  // Serialise per dealer so two requests at once cannot both pass the count.
  await sql`SELECT pg_advisory_xact_lock(hashtext('portal-link:' || ${input.dealerCode}))`.execute(
    db,
  );
  const recent = await db
    .selectFrom('portal_links')
    .select('created_at')
    .where('dealer_code', '=', input.dealerCode)
    .where('created_at', '>', hourAgo)
    .orderBy('created_at', 'asc')
    .execute();
  if (recent.length >= PORTAL_LINKS_PER_HOUR) {
    const freedAt = recent[0]!.created_at.getTime() + 60 * 60 * 1000;
    const retryInMinutes = Math.max(1, Math.ceil((freedAt - input.now.getTime()) / 60_000));
    return { ok: false, reason: 'rate_limited', retryInMinutes };
  }
  const token = newSecret();
  const expiresAt = new Date(input.now.getTime() + PORTAL_LINK_TTL_MS);
  await db
    .insertInto('portal_links')
    .values({
      id: hashSecret(token),
      dealer_code: input.dealerCode,
      requested_by: input.requestedBy,
      created_at: input.now,
      expires_at: expiresAt,
    })
    .execute();
  return { ok: true, token, expiresAt };
}

export type RedeemResult =
  | { ok: true; dealerCode: string; sessionToken: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'inactive' };

/** Spends a link (once) and opens a device session for its dealer. */
export async function redeemPortalLink(
  db: Kysely<DB>,
  input: { token: string; userAgent: string | null; now: Date },
): Promise<RedeemResult> {
  if (input.token.length < 20 || input.token.length > 100) return { ok: false, reason: 'unknown' };
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('portal_links as l')
      .innerJoin('dealers as d', 'd.code', 'l.dealer_code')
      .select(['l.id', 'l.dealer_code', 'l.expires_at', 'l.used_at', 'd.active'])
      .where('l.id', '=', hashSecret(input.token))
      .forUpdate('l')
      .executeTakeFirst();
    if (!link) return { ok: false, reason: 'unknown' } as const;
    if (link.used_at !== null) return { ok: false, reason: 'used' } as const;
    if (link.expires_at.getTime() <= input.now.getTime())
      return { ok: false, reason: 'expired' } as const;
    if (!link.active) return { ok: false, reason: 'inactive' } as const;
    await trx
      .updateTable('portal_links')
      .set({ used_at: input.now })
      .where('id', '=', link.id)
      .execute();
    const sessionToken = newSecret();
    await trx
      .insertInto('portal_sessions')
      .values({
        id: hashSecret(sessionToken),
        dealer_code: link.dealer_code,
        csrf_token: newSecret(),
        created_at: input.now,
        last_seen_at: input.now,
        expires_at: new Date(input.now.getTime() + PORTAL_SESSION_TTL_MS),
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await recordAuditEvents(trx, [
      {
        entityType: 'dealer',
        entityId: link.dealer_code,
        action: 'portal_signed_in',
        actor: `dealer:${link.dealer_code}`,
        reason: input.userAgent?.slice(0, 200) ?? null,
      },
    ]);
    return { ok: true, dealerCode: link.dealer_code, sessionToken } as const;
  });
}

/** `dealer_language`: the portal's language unless the device picked one. */
export type PortalSessionWithDealer = PortalSession & {
  dealer_name: string;
  dealer_language: string;
};

/** The usable session behind a cookie (marking it seen), or undefined. */
export async function resumePortalSession(
  db: Executor,
  token: string,
): Promise<PortalSessionWithDealer | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const { rows } = await sql<PortalSessionWithDealer>`
    UPDATE portal_sessions s SET last_seen_at = now()
    FROM dealers d
    WHERE s.id = ${hashSecret(token)} AND d.code = s.dealer_code AND d.active
      AND s.revoked_at IS NULL AND s.expires_at > now()
    RETURNING s.*, d.name AS dealer_name, d.language AS dealer_language`.execute(db);
  return rows[0];
}

export interface PortalDevice {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** A dealer's signed-in devices, most recently used first. */
export async function listPortalDevices(db: Executor, dealerCode: string): Promise<PortalDevice[]> {
  const rows = await db
    .selectFrom('portal_sessions')
    .select(['id', 'user_agent', 'created_at', 'last_seen_at'])
    .where('dealer_code', '=', dealerCode)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }));
}

/** Signs a device out; only the dealer's own (a tampered id revokes nothing). */
export async function revokePortalDevice(
  db: Executor,
  input: { dealerCode: string; deviceId: string; actor: string; now: Date },
): Promise<boolean> {
  const res = await db
    .updateTable('portal_sessions')
    .set({ revoked_at: input.now })
    .where('id', '=', input.deviceId)
    .where('dealer_code', '=', input.dealerCode)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const done = res.numUpdatedRows > 0n;
  if (done) {
    await recordAuditEvents(db, [
      {
        entityType: 'dealer',
        entityId: input.dealerCode,
        action: 'portal_device_revoked',
        actor: input.actor,
        reason: null,
      },
    ]);
  }
  return done;
}

/** Signs every device of a dealer out (ops, or the dealer's "sign out everywhere"). */
export async function revokeAllPortalDevices(
  db: Executor,
  input: { dealerCode: string; actor: string; now: Date },
): Promise<number> {
  const res = await db
    .updateTable('portal_sessions')
    .set({ revoked_at: input.now })
    .where('dealer_code', '=', input.dealerCode)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const revoked = Number(res.numUpdatedRows);
  if (revoked > 0) {
    await recordAuditEvents(db, [
      {
        entityType: 'dealer',
        entityId: input.dealerCode,
        action: 'portal_devices_revoked',
        actor: input.actor,
        reason: `${revoked} device(s)`,
      },
    ]);
  }
  return revoked;
}
