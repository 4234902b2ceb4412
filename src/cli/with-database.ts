/**
 * Opens the configured database for one CLI command, runs `fn`, and closes
 * it. A configuration problem or an unreachable database is said in one
 * line on stderr (exit 2 or 1), not a stack trace.
 */
import type { Kysely } from 'kysely';
import { formatConfigProblems } from '../config/index.js';
import { describeStartupError, openDatabase } from '../db/open-database.js';
import type { DB } from '../db/schema.js';
import { EXIT_FAULT, EXIT_USAGE, type CliDeps } from './cli-command.js';

export async function withDatabase(
  deps: CliDeps,
  command: string,
  fn: (db: Kysely<DB>) => Promise<number>,
): Promise<number> {
  if (!deps.config.ok) {
    deps.stderr.write(`${command}: ${formatConfigProblems(deps.config.problems)}\n`);
    return EXIT_USAGE;
  }
  let opened;
  try {
    opened = await openDatabase({
      url: deps.config.config.databaseUrl,
      max: 2,
      applicationName: `orderdesk-${command}`,
    });
  } catch (error) {
    const message = describeStartupError(error);
    if (message === null) throw error;
    deps.stderr.write(`${command}: ${message}\n`);
    return EXIT_FAULT;
  }
  try {
    return await fn(opened.db);
  } finally {
    await opened.db.destroy();
  }
}
