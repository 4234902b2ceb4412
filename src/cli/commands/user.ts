/**
 * `user create|password`: console users. The first admin is made this way:
 *
 *     npm run cli -- user create --role admin --email ops@example.com --password '...'
 *     echo '...' | npm run cli -- user create --role finance --email f@example.com
 *
 * Without --password the password is read from stdin (one line), so it
 * need not appear in the shell history or the process list.
 */
import { formatConfigProblems } from '../../config/index.js';
import { describeStartupError, openDatabase } from '../../db/open-database.js';
import { USER_ROLES, type UserRole } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import { createUser, setUserActive, setUserPassword } from '../../services/users.js';
import { EXIT_FAULT, EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { findUserByEmail, updateUserRole } from '../../repositories/user.repository.js';
import { setDiscountAuthority } from '../../repositories/approval.repository.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { MIN_PASSWORD_LENGTH } from '../../services/users.js';

const usage = `usage: cli user create --email EMAIL --role ROLE [--name NAME] [--password PASSWORD]
       cli user password --email EMAIL [--role ROLE] [--password PASSWORD]
       cli user role --email EMAIL --role ROLE
       cli user authority --email EMAIL --percent N
       cli user deactivate --email EMAIL
       cli user activate --email EMAIL

Creates an ops console user, sets a user's password (and role) or role alone,
sets how deep a discount a sales manager may approve (percent), or stops
(deactivate) and allows again (activate) a user's sign-in. A password change
and a deactivation end every session the user has.
Roles: ${USER_ROLES.join(', ')}. Without --password, the password is read
from stdin (first line). A password has at least ${MIN_PASSWORD_LENGTH} characters; it is stored
as an argon2id hash.`;

const ACTIONS = ['create', 'password', 'role', 'authority', 'deactivate', 'activate'] as const;
type Action = (typeof ACTIONS)[number];

async function readLine(deps: CliDeps): Promise<string> {
  let text = '';
  for await (const chunk of deps.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function run(args: string[], deps: CliDeps): Promise<number> {
  const [action, ...rest] = args;
  const flags = parseCommandArgs(rest, {
    help: { type: 'boolean', short: 'h' },
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    percent: { type: 'string' },
  });
  if (flags.help || action === '--help' || action === '-h') {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  if (!ACTIONS.includes(action as Action)) {
    throw new UsageError(
      'say "create", "password", "role", "authority", "deactivate" or "activate"',
    );
  }
  if (typeof flags.email !== 'string') throw new UsageError('--email is required');
  const role = flags.role as string | undefined;
  if ((action === 'create' || action === 'role') && role === undefined) {
    throw new UsageError('--role is required');
  }
  const percent = flags.percent === undefined ? null : Number(flags.percent);
  if (action === 'authority' && (percent === null || !(percent >= 0 && percent <= 100))) {
    throw new UsageError('--percent must be a number from 0 to 100');
  }
  if (role !== undefined && !(USER_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  }
  if (!deps.config.ok) {
    deps.stderr.write(`user: ${formatConfigProblems(deps.config.problems)}\n`);
    return EXIT_USAGE;
  }
  const takesPassword = action === 'create' || action === 'password';
  const password = !takesPassword
    ? ''
    : typeof flags.password === 'string'
      ? flags.password
      : await readLine(deps);
  let opened;
  try {
    opened = await openDatabase({
      url: deps.config.config.databaseUrl,
      max: 2,
      applicationName: 'orderdesk-cli',
    });
  } catch (error) {
    const message = describeStartupError(error);
    if (message === null) throw error;
    deps.stderr.write(`user: ${message}\n`);
    return EXIT_FAULT;
  }
  try {
    if (action === 'role' || action === 'authority') {
      const found = await findUserByEmail(opened.db, flags.email.trim().toLowerCase());
      if (!found) throw new AppError('NOT_FOUND', `no user ${flags.email}`);
      if (action === 'role') {
        await updateUserRole(opened.db, found.id, role as UserRole);
        deps.stdout.write(`user ${found.email} is now ${role}\n`);
      } else {
        await setDiscountAuthority(opened.db, `user:${found.email}`, Math.round(percent! * 100));
        deps.stdout.write(`user ${found.email} may approve discounts up to ${percent}%\n`);
      }
      await recordAuditEvents(opened.db, [
        {
          entityType: 'user',
          entityId: found.id,
          action: action === 'role' ? 'role_changed' : 'discount_authority',
          actor: 'cli',
          reason:
            action === 'role' ? `${found.email} → ${role}` : `${found.email} up to ${percent}%`,
        },
      ]);
      return EXIT_OK;
    }
    if (action === 'deactivate' || action === 'activate') {
      const user = await setUserActive(opened.db, flags.email, action === 'activate');
      deps.stdout.write(
        action === 'activate'
          ? `activated user ${user.email} (${user.role}); they may sign in again\n`
          : `deactivated user ${user.email} (${user.role}); their sessions are ended\n`,
      );
      return EXIT_OK;
    }
    const user =
      action === 'create'
        ? await createUser(opened.db, {
            email: flags.email,
            role: role as UserRole,
            password,
            ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
          })
        : await setUserPassword(opened.db, {
            email: flags.email,
            password,
            ...(role === undefined ? {} : { role: role as UserRole }),
          });
    deps.stdout.write(
      `${action === 'create' ? 'created' : 'updated'} user ${user.email} (${user.role}); sign in at /console\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL') {
      deps.stderr.write(`user: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Error && error.name === 'ZodError') {
      deps.stderr.write(
        `user: ${(error as unknown as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}\n`,
      );
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    await opened.db.destroy();
  }
}

export const command: CliCommand = { usage, run };
