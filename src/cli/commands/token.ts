/**
 * `token`: API tokens for integrations and scripts (docs/http-api.md "Roles").
 *
 *     npm run cli -- token create --role integration --name tally-bridge
 *     npm run cli -- token list
 *     npm run cli -- token revoke --name tally-bridge
 *
 * `create` prints the new token alone on the last line of stdout; only its
 * sha256 is stored, so it cannot be shown again.
 */
import { randomBytes } from 'node:crypto';
import { API_TOKEN_ROLES, type ApiTokenRole } from '../../db/schema.js';
import {
  createApiToken,
  listApiTokens,
  revokeApiTokens,
} from '../../repositories/api-token.repository.js';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { withDatabase } from '../with-database.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const usage = `usage: cli token create --role ROLE [--name NAME] [--expires-days N]
       cli token list
       cli token revoke --name NAME

Creates an API token and prints it alone on the last line (store it now: only
its hash is kept), lists tokens (never their values), or revokes every token
with a name. Roles: ${API_TOKEN_ROLES.join(', ')}. Invoices, payments and
dispatches need finance, integration or admin.`;

const ACTIONS = ['create', 'list', 'revoke'] as const;

async function run(args: string[], deps: CliDeps): Promise<number> {
  const [action, ...rest] = args;
  const flags = parseCommandArgs(rest, {
    help: { type: 'boolean', short: 'h' },
    role: { type: 'string' },
    name: { type: 'string' },
    'expires-days': { type: 'string' },
  });
  if (flags.help || action === '--help' || action === '-h') {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  if (!(ACTIONS as readonly string[]).includes(action ?? '')) {
    throw new UsageError('say "create", "list" or "revoke"');
  }
  const role = flags.role as string | undefined;
  if (action === 'create') {
    if (role === undefined) throw new UsageError('--role is required');
    if (!(API_TOKEN_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${API_TOKEN_ROLES.join(', ')}`);
    }
  }
  if (action === 'revoke' && typeof flags.name !== 'string') {
    throw new UsageError('--name is required');
  }
  const days = flags['expires-days'] === undefined ? null : Number(flags['expires-days']);
  if (days !== null && !(Number.isInteger(days) && days > 0)) {
    throw new UsageError('--expires-days must be a whole number of days above 0');
  }
  return withDatabase(deps, 'token', async (db) => {
    if (action === 'list') {
      for (const t of await listApiTokens(db)) {
        const state = t.revoked_at !== null ? 'revoked' : 'active';
        deps.stdout.write(
          `${t.name}\t${t.role}\t${state}\tcreated ${t.created_at.toISOString()}\tlast used ${t.last_used_at?.toISOString() ?? 'never'}\n`,
        );
      }
      return EXIT_OK;
    }
    if (action === 'revoke') {
      const n = await revokeApiTokens(db, flags.name as string);
      if (n === 0) {
        deps.stderr.write(`token: no live token named ${String(flags.name)}\n`);
        return EXIT_USAGE;
      }
      deps.stdout.write(`revoked ${n} token${n === 1 ? '' : 's'} named ${String(flags.name)}\n`);
      return EXIT_OK;
    }
    const token = `od_${randomBytes(24).toString('base64url')}`;
    const name =
      typeof flags.name === 'string' && flags.name.trim() !== ''
        ? flags.name.trim()
        : `${role}-${new Date().toISOString().slice(0, 10)}`;
    await createApiToken(db, {
      name,
      token,
      role: role as ApiTokenRole,
      expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000),
    });
    deps.stdout.write(`created token "${name}" with role ${role}; it is shown once:\n${token}\n`);
    return EXIT_OK;
  });
}

export const command: CliCommand = { usage, run };
