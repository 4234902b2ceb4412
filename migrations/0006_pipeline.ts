/**
 * The pipeline's extra bookkeeping:
 *
 * - inbound_messages keeps what ingestion had to do to the text (truncated,
 *   invalid UTF-8 replaced, NUL bytes replaced, looks binary, empty) and the
 *   original size, so a mangled message can be explained.
 * - master_data_version: one counter bumped in the same transaction as any
 *   change to the data the parser compiles (products, dealers, reps and their
 *   contacts). A parse worker compares it to the version its cached compiled
 *   catalog was built from; an import in another process therefore
 *   invalidates every worker's cache at its commit, never before.
 */
import { sql, type Kysely } from 'kysely';

const PARSER_TABLES = [
  'products',
  'dealers',
  'dealer_phones',
  'dealer_emails',
  'reps',
  'rep_phones',
  'rep_emails',
  'rep_dealers',
];

const statements = [
  sql`
    ALTER TABLE inbound_messages
      ADD COLUMN text_flags text[] NOT NULL DEFAULT '{}'
        CHECK (text_flags <@ ARRAY['empty', 'truncated', 'invalid_utf8', 'nul_replaced', 'binary']::text[]),
      ADD COLUMN original_bytes integer CHECK (original_bytes >= 0)`,

  sql`
    CREATE TABLE master_data_version (
      id       boolean PRIMARY KEY DEFAULT true CHECK (id),
      version  bigint NOT NULL DEFAULT 1
    )`,
  sql`INSERT INTO master_data_version (id, version) VALUES (true, 1)`,
  sql`
    CREATE FUNCTION bump_master_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE master_data_version SET version = version + 1 WHERE id;
      RETURN NULL;
    END
    $$`,
  ...PARSER_TABLES.map(
    (table) =>
      sql`CREATE TRIGGER ${sql.raw(`${table}_bump_master_data_version`)}
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_master_data_version()`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
