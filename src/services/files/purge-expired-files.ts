/**
 * Retention: a file's bytes are removed `retentionDays` after it arrived (ORDERDESK_FILE_RETENTION_DAYS);
 * its row (name, size, hash, what was read) stays with the message, and goes with it if the
 * message is deleted (ON DELETE CASCADE, migrations/0080_inbound_files.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { purgeFileContent } from '../../repositories/inbound-file.repository.js';

/** Rows cleared per statement: a long backlog is worked off in short transactions. */
const BATCH = 200;

export async function purgeExpiredFiles(
  deps: { db: Kysely<DB> },
  input: { retentionDays: number; now: Date },
): Promise<number> {
  const before = new Date(input.now.getTime() - input.retentionDays * 24 * 60 * 60 * 1000);
  let total = 0;
  for (;;) {
    const purged = await purgeFileContent(deps.db, before, BATCH);
    total += purged;
    if (purged < BATCH) return total;
  }
}
