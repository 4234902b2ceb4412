/**
 * Dealers, the phones and addresses that identify them as senders, and the
 * credit row every dealer has (created with the dealer; the ledger sets its
 * outstanding balance).
 */
import { sql } from 'kysely';
import type { CreditPolicy, Dealer } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { assertUniqueKeys, chunk, jsonbParam, type UpsertCounts } from './bulk.js';

export interface UpsertDealerInput {
  code: string;
  name: string;
  region: string | null;
  /** Created in price_lists if new. */
  priceList: string | null;
  /** Minor units; null: no limit. */
  creditLimitMinor: bigint | null;
  /** E.164; replaces the dealer's phones. */
  phones: readonly string[];
  /** Replaces the dealer's addresses; lower-cased on the way in. */
  emails: readonly string[];
  /**
   * What the dealer owes now (minor units, negative when in credit). When it
   * differs from the stored balance an `adjustment` ledger entry makes up the
   * difference. Omitted: the balance is left alone.
   */
  outstandingMinor?: bigint;
  /** Omitted: keep the stored value (default `hold` for a new dealer). */
  creditPolicy?: CreditPolicy;
  /** Omitted: keep the stored value (default true). */
  autoConfirm?: boolean;
  /** Omitted: keep the stored value (default `en`). */
  language?: string;
  /** Omitted: keep the stored value; null: no overdue rule. */
  overdueDays?: number | null;
}

/** A dealer with the phones and addresses that may order for it. */
export type DealerWithContacts = Dealer & { phones: string[]; emails: string[] };

/**
 * Inserts or updates dealers with their phones, emails and credit rows, in
 * bulk and in one transaction (joining the caller's, if any). Unchanged rows
 * are not written, so re-importing the same file is a no-op. A phone or
 * address listed for a dealer in the input moves to it from any other dealer.
 * Counts are per dealer: `updated` means anything about it changed.
 */
export async function upsertDealers(
  db: Executor,
  dealers: readonly UpsertDealerInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(dealers, (d) => d.code, 'dealer code');
  assertUniqueKeys(
    dealers.flatMap((d) => d.phones),
    (p) => p,
    'phone',
  );
  assertUniqueKeys(
    dealers.flatMap((d) => d.emails.map((e) => e.toLowerCase())),
    (e) => e,
    'email',
  );
  return inTransaction(db, async (trx) => {
    const inserted = new Set<string>();
    const changed = new Set<string>();
    for (const batch of chunk(dealers)) {
      await ensurePriceLists(
        trx,
        batch.map((d) => d.priceList),
      );
      const rows = batch.map((d) => ({
        code: d.code,
        name: d.name,
        region: d.region,
        price_list: d.priceList,
        credit_limit_minor: d.creditLimitMinor,
        credit_policy: d.creditPolicy ?? null,
        auto_confirm: d.autoConfirm ?? null,
        language: d.language ?? null,
        overdue_days_given: d.overdueDays !== undefined,
        overdue_days: d.overdueDays ?? null,
      }));
      const { rows: written } = await sql<{ code: string; inserted: boolean }>`
        INSERT INTO dealers AS d
          (code, name, region, price_list, credit_limit_minor, credit_policy, auto_confirm,
           language, overdue_days)
        SELECT t.code, t.name, t.region, t.price_list, t.credit_limit_minor,
               -- a dealer first created takes the service's defaults (console Settings)
               coalesce(t.credit_policy, old.credit_policy,
                        (SELECT default_credit_policy FROM app_settings), 'hold'),
               coalesce(t.auto_confirm, old.auto_confirm, true),
               coalesce(t.language, old.language, 'en'),
               CASE WHEN t.overdue_days_given THEN t.overdue_days
                    WHEN old.code IS NULL THEN (SELECT default_overdue_days FROM app_settings)
                    ELSE old.overdue_days END
        FROM jsonb_to_recordset(${jsonbParam(rows)}) AS t(
          code text, name text, region text, price_list text, credit_limit_minor bigint,
          credit_policy text, auto_confirm boolean, language text,
          overdue_days_given boolean, overdue_days integer)
        LEFT JOIN dealers old ON old.code = t.code
        ON CONFLICT (code) DO UPDATE SET
          name = excluded.name, region = excluded.region, price_list = excluded.price_list,
          credit_limit_minor = excluded.credit_limit_minor,
          credit_policy = excluded.credit_policy, auto_confirm = excluded.auto_confirm,
          language = excluded.language, overdue_days = excluded.overdue_days
        WHERE (d.name, d.region, d.price_list, d.credit_limit_minor, d.credit_policy,
               d.auto_confirm, d.language, d.overdue_days)
          IS DISTINCT FROM
              (excluded.name, excluded.region, excluded.price_list, excluded.credit_limit_minor,
               excluded.credit_policy, excluded.auto_confirm, excluded.language,
               excluded.overdue_days)
        RETURNING code, (xmax = 0) AS inserted`.execute(trx);
      for (const row of written) (row.inserted ? inserted : changed).add(row.code);

      await sql`
        INSERT INTO dealer_credit (dealer_code)
        SELECT unnest(${batch.map((d) => d.code)}::text[])
        ON CONFLICT (dealer_code) DO NOTHING`.execute(trx);

      const codes = batch.map((d) => d.code);
      const phones = batch.flatMap((d) =>
        d.phones.map((phone) => ({ code: d.code, value: phone })),
      );
      const emails = batch.flatMap((d) =>
        d.emails.map((email) => ({ code: d.code, value: email.toLowerCase() })),
      );
      for (const code of await replaceContacts(trx, 'dealer_phones', 'phone', codes, phones)) {
        changed.add(code);
      }
      for (const code of await replaceContacts(trx, 'dealer_emails', 'email', codes, emails)) {
        changed.add(code);
      }

      const balances = batch.flatMap((d) =>
        d.outstandingMinor === undefined
          ? []
          : [{ code: d.code, outstanding_minor: d.outstandingMinor }],
      );
      for (const code of await setOutstanding(trx, balances)) changed.add(code);
    }
    for (const code of inserted) changed.delete(code);
    return {
      inserted: inserted.size,
      updated: changed.size,
      unchanged: dealers.length - inserted.size - changed.size,
    };
  });
}

/** Creates the named price lists that do not exist yet. */
export async function ensurePriceLists(
  db: Executor,
  names: readonly (string | null)[],
): Promise<void> {
  const wanted = [...new Set(names.filter((n): n is string => n !== null))];
  if (wanted.length === 0) return;
  await sql`
    INSERT INTO price_lists (name) SELECT unnest(${wanted}::text[])
    ON CONFLICT (name) DO NOTHING`.execute(db);
}

type ContactTable = 'dealer_phones' | 'dealer_emails' | 'rep_phones' | 'rep_emails';

/**
 * Makes the given owners' contacts exactly `contacts`: removes the others,
 * adds the new ones, and moves a contact held by another owner. Returns the
 * owners whose set changed (including an owner a contact moved away from,
 * when it is among `owners`).
 * @internal shared with rep.repository.ts
 */
export async function replaceContacts(
  db: Executor,
  table: ContactTable,
  column: 'phone' | 'email',
  owners: readonly string[],
  contacts: readonly { code: string; value: string }[],
): Promise<string[]> {
  const owner = table.startsWith('dealer') ? 'dealer_code' : 'rep_code';
  const t = sql.table(table);
  const col = sql.ref(column);
  const own = sql.ref(owner);
  const { rows: removed } = await sql<{ code: string }>`
    DELETE FROM ${t}
    WHERE ${own} = any(${[...owners]}::text[])
      AND (${own}, ${col}) NOT IN (
        SELECT * FROM unnest(${contacts.map((c) => c.code)}::text[], ${contacts.map((c) => c.value)}::text[]))
    RETURNING ${own} AS code`.execute(db);
  const { rows: added } = await sql<{ code: string }>`
    INSERT INTO ${t} AS c (${own}, ${col})
    SELECT * FROM unnest(${contacts.map((c) => c.code)}::text[], ${contacts.map((c) => c.value)}::text[])
    ON CONFLICT (${col}) DO UPDATE SET ${own} = excluded.${own}
    WHERE c.${own} IS DISTINCT FROM excluded.${own}
    RETURNING ${own} AS code`.execute(db);
  return [...new Set([...removed, ...added].map((r) => r.code))];
}

/**
 * Sets dealers' outstanding balances, writing an `adjustment` ledger entry
 * for each difference so outstanding stays the sum of the ledger. Locks the
 * credit rows (as confirmation does) so a concurrent credit check sees the
 * balance before or after, never half. Returns the dealers changed.
 */
async function setOutstanding(
  db: Executor,
  balances: readonly { code: string; outstanding_minor: bigint }[],
): Promise<string[]> {
  if (balances.length === 0) return [];
  const { rows } = await sql<{ code: string }>`
    WITH t AS (
      SELECT * FROM jsonb_to_recordset(${jsonbParam(balances)}) AS t(code text, outstanding_minor bigint)
    ),
    current AS (
      SELECT dc.dealer_code, dc.outstanding_minor
      FROM dealer_credit dc JOIN t ON t.code = dc.dealer_code
      ORDER BY dc.dealer_code
      FOR UPDATE OF dc
    ),
    diff AS (
      SELECT t.code, t.outstanding_minor AS target, t.outstanding_minor - c.outstanding_minor AS delta
      FROM t JOIN current c ON c.dealer_code = t.code
      WHERE t.outstanding_minor <> c.outstanding_minor
    ),
    entries AS (
      INSERT INTO ledger_entries (dealer_code, kind, amount_minor, note)
      SELECT code, 'adjustment', delta, 'outstanding set by dealer import'
      FROM diff
    )
    UPDATE dealer_credit dc SET outstanding_minor = diff.target
    FROM diff WHERE dc.dealer_code = diff.code
    RETURNING dc.dealer_code AS code`.execute(db);
  return rows.map((r) => r.code);
}

function selectDealersWithContacts(db: Executor) {
  return db
    .selectFrom('dealers as d')
    .selectAll('d')
    .select([
      sql<
        string[]
      >`array(SELECT phone FROM dealer_phones WHERE dealer_code = d.code ORDER BY phone)`.as(
        'phones',
      ),
      sql<
        string[]
      >`array(SELECT email FROM dealer_emails WHERE dealer_code = d.code ORDER BY email)`.as(
        'emails',
      ),
    ]);
}

export async function findDealerByCode(
  db: Executor,
  code: string,
): Promise<DealerWithContacts | undefined> {
  return selectDealersWithContacts(db).where('d.code', '=', code).executeTakeFirst();
}

/** The dealer an E.164 number orders for, if any. */
export async function findDealerByPhone(
  db: Executor,
  phone: string,
): Promise<DealerWithContacts | undefined> {
  return selectDealersWithContacts(db)
    .where('d.code', '=', (eb) =>
      eb.selectFrom('dealer_phones').select('dealer_code').where('phone', '=', phone),
    )
    .executeTakeFirst();
}

/** The dealer an address orders for, if any (case-insensitive). */
export async function findDealerByEmail(
  db: Executor,
  email: string,
): Promise<DealerWithContacts | undefined> {
  return selectDealersWithContacts(db)
    .where('d.code', '=', (eb) =>
      eb
        .selectFrom('dealer_emails')
        .select('dealer_code')
        .where('email', '=', email.trim().toLowerCase()),
    )
    .executeTakeFirst();
}

export interface ListDealersInput {
  /** Page size. Default 100. */
  limit?: number;
  /** Keyset pagination: only dealers whose code sorts after this one. */
  afterCode?: string;
}

/** Dealers by code, a page at a time. */
export async function listDealers(
  db: Executor,
  input: ListDealersInput = {},
): Promise<DealerWithContacts[]> {
  let query = selectDealersWithContacts(db)
    .orderBy('d.code')
    .limit(input.limit ?? 100);
  if (input.afterCode !== undefined) query = query.where('d.code', '>', input.afterCode);
  return query.execute();
}

/** The codes of the input that are not dealers on file, in input order, once each. */
export async function findMissingDealerCodes(
  db: Executor,
  codes: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ code: string }>`
    SELECT w.code FROM unnest(${wanted}::text[]) WITH ORDINALITY AS w(code, n)
    WHERE NOT EXISTS (SELECT 1 FROM dealers d WHERE d.code = w.code)
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.code);
}

/**
 * The regions no dealer is in, in the order asked; exact match, as pricing
 * compares them, so "north" against dealers in "North" is reported.
 */
export async function findMissingRegions(
  db: Executor,
  regions: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(regions)];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ region: string }>`
    SELECT w.region FROM unnest(${wanted}::text[]) WITH ORDINALITY AS w(region, n)
    WHERE NOT EXISTS (SELECT 1 FROM dealers d WHERE d.region = w.region)
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.region);
}
