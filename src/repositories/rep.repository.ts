/**
 * Sales reps and field agents: who they are, the phones and addresses they
 * write from, and the dealers they may order for.
 */
import { sql } from 'kysely';
import type { Rep } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { assertUniqueKeys, chunk, jsonbParam, type UpsertCounts } from './bulk.js';
import { replaceContacts } from './dealer.repository.js';

export interface UpsertRepInput {
  code: string;
  name: string;
  /** E.164; replaces the rep's phones. */
  phones: readonly string[];
  /** Replaces the rep's addresses; lower-cased on the way in. */
  emails: readonly string[];
  /** Dealer codes the rep may order for; replaces the rep's list. All must exist. */
  dealers: readonly string[];
}

/** A rep with contacts and the dealers they may order for. */
export type RepWithDealers = Rep & { phones: string[]; emails: string[]; dealers: string[] };

/**
 * Inserts or updates reps with their phones, emails and dealers, in one
 * transaction (joining the caller's). Unchanged reps are not written. A
 * dealer code that does not exist fails the whole call on its foreign key;
 * check first with `findMissingDealerCodes` to report them properly.
 */
export async function upsertReps(
  db: Executor,
  reps: readonly UpsertRepInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(reps, (r) => r.code, 'rep code');
  assertUniqueKeys(
    reps.flatMap((r) => r.phones),
    (p) => p,
    'phone',
  );
  assertUniqueKeys(
    reps.flatMap((r) => r.emails.map((e) => e.toLowerCase())),
    (e) => e,
    'email',
  );
  return inTransaction(db, async (trx) => {
    const inserted = new Set<string>();
    const changed = new Set<string>();
    for (const batch of chunk(reps)) {
      const rows = batch.map((r) => ({ code: r.code, name: r.name }));
      const { rows: written } = await sql<{ code: string; inserted: boolean }>`
        INSERT INTO reps AS r (code, name)
        SELECT t.code, t.name
        FROM jsonb_to_recordset(${jsonbParam(rows)}) AS t(code text, name text)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name
        WHERE r.name IS DISTINCT FROM excluded.name
        RETURNING code, (xmax = 0) AS inserted`.execute(trx);
      for (const row of written) (row.inserted ? inserted : changed).add(row.code);

      const codes = batch.map((r) => r.code);
      const phones = batch.flatMap((r) => r.phones.map((value) => ({ code: r.code, value })));
      const emails = batch.flatMap((r) =>
        r.emails.map((email) => ({ code: r.code, value: email.toLowerCase() })),
      );
      for (const code of await replaceContacts(trx, 'rep_phones', 'phone', codes, phones)) {
        changed.add(code);
      }
      for (const code of await replaceContacts(trx, 'rep_emails', 'email', codes, emails)) {
        changed.add(code);
      }

      const links = batch.flatMap((r) => [...new Set(r.dealers)].map((d) => [r.code, d] as const));
      const repCodes = links.map(([rep]) => rep);
      const dealerCodes = links.map(([, dealer]) => dealer);
      const { rows: unlinked } = await sql<{ code: string }>`
        DELETE FROM rep_dealers
        WHERE rep_code = any(${codes}::text[])
          AND (rep_code, dealer_code) NOT IN (
            SELECT * FROM unnest(${repCodes}::text[], ${dealerCodes}::text[]))
        RETURNING rep_code AS code`.execute(trx);
      const { rows: linked } = await sql<{ code: string }>`
        INSERT INTO rep_dealers (rep_code, dealer_code)
        SELECT * FROM unnest(${repCodes}::text[], ${dealerCodes}::text[])
        ON CONFLICT (rep_code, dealer_code) DO NOTHING
        RETURNING rep_code AS code`.execute(trx);
      for (const { code } of [...unlinked, ...linked]) changed.add(code);
    }
    for (const code of inserted) changed.delete(code);
    return {
      inserted: inserted.size,
      updated: changed.size,
      unchanged: reps.length - inserted.size - changed.size,
    };
  });
}

function selectRepsWithDealers(db: Executor) {
  return db
    .selectFrom('reps as r')
    .selectAll('r')
    .select([
      sql<string[]>`array(SELECT phone FROM rep_phones WHERE rep_code = r.code ORDER BY phone)`.as(
        'phones',
      ),
      sql<string[]>`array(SELECT email FROM rep_emails WHERE rep_code = r.code ORDER BY email)`.as(
        'emails',
      ),
      sql<
        string[]
      >`array(SELECT dealer_code FROM rep_dealers WHERE rep_code = r.code ORDER BY dealer_code)`.as(
        'dealers',
      ),
    ]);
}

export async function findRepByCode(
  db: Executor,
  code: string,
): Promise<RepWithDealers | undefined> {
  return selectRepsWithDealers(db).where('r.code', '=', code).executeTakeFirst();
}

/** The rep writing from an E.164 number, if any. */
export async function findRepByPhone(
  db: Executor,
  phone: string,
): Promise<RepWithDealers | undefined> {
  return selectRepsWithDealers(db)
    .where('r.code', '=', (eb) =>
      eb.selectFrom('rep_phones').select('rep_code').where('phone', '=', phone),
    )
    .executeTakeFirst();
}

/** The rep writing from an address, if any (case-insensitive). */
export async function findRepByEmail(
  db: Executor,
  email: string,
): Promise<RepWithDealers | undefined> {
  return selectRepsWithDealers(db)
    .where('r.code', '=', (eb) =>
      eb
        .selectFrom('rep_emails')
        .select('rep_code')
        .where('email', '=', email.trim().toLowerCase()),
    )
    .executeTakeFirst();
}

/** Every rep, by code. */
export async function listReps(db: Executor): Promise<RepWithDealers[]> {
  return selectRepsWithDealers(db).orderBy('r.code').execute();
}
