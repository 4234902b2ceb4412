/**
 * `migrate`: creates the database in DATABASE_URL if it is missing (and the
 * role may), applies pending migrations, and exits. Safe to run from many
 * processes at once: the migrator holds a PG advisory lock.
 */
import { formatConfigProblems } from '../../config/index.js';
import { describeStartupError, openDatabase } from '../../db/open-database.js';
import { EXIT_FAULT, EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandArgs } from '../parse-command-args.js';

const usage = `usage: cli migrate

Creates the database named in DATABASE_URL if it does not exist (when the
role may create databases), applies every pending migration, and exits.
Exit 0 when the schema is up to date, 1 when the database cannot be
reached, created or migrated, 2 on bad arguments or configuration.`;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const flags = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (flags.help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  if (!deps.config.ok) {
    deps.stderr.write(`migrate: ${formatConfigProblems(deps.config.problems)}\n`);
    return EXIT_USAGE;
  }
  const { databaseUrl } = deps.config.config;
  let opened;
  try {
    opened = await openDatabase({ url: databaseUrl, max: 2, applicationName: 'orderdesk-migrate' });
  } catch (error) {
    const message = describeStartupError(error);
    if (message === null) throw error;
    deps.stderr.write(`migrate: ${message}\n`);
    return EXIT_FAULT;
  }
  try {
    const { created, applied } = opened;
    if (created) deps.stdout.write(`created database "${databaseName(databaseUrl)}"\n`);
    deps.stdout.write(
      applied.length === 0
        ? 'database schema is up to date; nothing to apply\n'
        : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}\n`,
    );
    return EXIT_OK;
  } finally {
    await opened.db.destroy();
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export const command: CliCommand = { usage, run };
