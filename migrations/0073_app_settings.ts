/**
 * Settings of the whole service, one row (console Settings, admins): the
 * credit policy and overdue days a dealer gets when an import first creates
 * it (existing dealers keep theirs).
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  sql`
    CREATE TABLE app_settings (
      id                    boolean PRIMARY KEY DEFAULT true CHECK (id),
      default_credit_policy text NOT NULL DEFAULT 'hold' CHECK (default_credit_policy IN ('hold', 'block')),
      default_overdue_days  integer CHECK (default_overdue_days BETWEEN 1 AND 365),
      updated_at            timestamptz NOT NULL DEFAULT now()
    )`,
  sql`INSERT INTO app_settings DEFAULT VALUES`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
