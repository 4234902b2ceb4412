/**
 * read_cache_versions: one counter per group of rarely changed rows a worker reads for every
 * message, bumped in the same transaction as any change to them (like master_data_version,
 * migration 0006). A worker keeps such rows in memory and reads the counters — one row, read
 * with the master-data version in one statement — to know when to read them again; a change in
 * any process therefore reaches every worker's next job after its commit.
 *
 * - learned_aliases: the phrases reviewers taught the parser;
 * - rollout: channel_settings and dealer_channel_rollout (who is on, in pilot, off);
 * - pricing_rules: slabs and schemes.
 */
import { sql, type Kysely } from 'kysely';

const COUNTED: readonly (readonly [table: string, counter: string])[] = [
  ['learned_aliases', 'learned_aliases'],
  ['channel_settings', 'rollout'],
  ['dealer_channel_rollout', 'rollout'],
  ['slabs', 'pricing_rules'],
  ['schemes', 'pricing_rules'],
];

const statements = [
  sql`
    CREATE TABLE read_cache_versions (
      id              boolean PRIMARY KEY DEFAULT true CHECK (id),
      learned_aliases bigint NOT NULL DEFAULT 1,
      rollout         bigint NOT NULL DEFAULT 1,
      pricing_rules   bigint NOT NULL DEFAULT 1
    )`,
  sql`INSERT INTO read_cache_versions (id) VALUES (true)`,
  // the counter's column is the trigger's argument
  sql`
    CREATE FUNCTION bump_read_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      EXECUTE format('UPDATE read_cache_versions SET %1$I = %1$I + 1 WHERE id', TG_ARGV[0]);
      RETURN NULL;
    END
    $$`,
  ...COUNTED.map(
    ([table, counter]) =>
      sql`CREATE TRIGGER ${sql.raw(`${table}_bump_read_cache_version`)}
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_read_cache_version(${sql.lit(counter)})`,
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
