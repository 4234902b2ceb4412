/**
 * The flags of `npm start -- [--role api|worker|all] [--demo]`
 * (docs/operations.md).
 */
import { parseArgs } from 'node:util';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export interface StartArgs {
  /** `all` (default): HTTP API and workers in one process. */
  role: Role;
  /** Load examples/ into an empty database and print the web chat URL and token. */
  demo: boolean;
  /** `--no-supervise`: run the service in this process, with no supervisor restarting it. */
  noSupervise: boolean;
  help: boolean;
}

export const START_USAGE = `usage: npm start -- [--role api|worker] [--demo] [--no-supervise]

  (no flags)      migrate the database, run the HTTP API and the workers in one process
  --role api      only the HTTP API (GET /health, /api/..., the web chat page at /chat)
  --role worker   only the pipeline workers (parse, validate, notify, sweeper)
  --demo          load the sample data in examples/ if the database is empty, and print
                  the web chat URL and the API token to use (one is generated when
                  ORDERDESK_API_TOKEN is not set) and a console admin login it made
  --no-supervise  run in this process only; by default a small supervisor runs the
                  service as a child and restarts it if it dies after start-up
                  (use this under systemd, Docker or Kubernetes, which restart it)

Console users (/console): npm run cli -- user create --email YOU --role admin
(a password of 10+ characters), or the demo's printed login.
Configuration comes from the environment (DATABASE_URL, REDIS_URL, PORT,
ORDERDESK_API_TOKEN, ...): see the README.`;

export type ParseStartArgsResult = { ok: true; args: StartArgs } | { ok: false; message: string };

export function parseStartArgs(argv: readonly string[]): ParseStartArgsResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'no-supervise': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const role = parsed.values.role ?? 'all';
  if (!(ROLES as readonly string[]).includes(role)) {
    return { ok: false, message: `--role must be api or worker (got "${role}")` };
  }
  return {
    ok: true,
    args: {
      role: role as Role,
      demo: parsed.values.demo,
      noSupervise: parsed.values['no-supervise'],
      help: parsed.values.help,
    },
  };
}
