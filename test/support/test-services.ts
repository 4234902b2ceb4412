/**
 * Where the tests find their services, each settable by environment so tests can run beside
 * anything else on the machine (another checkout's tests, a developer's service):
 *
 * | variable | default | used for |
 * | --- | --- | --- |
 * | `TEST_DATABASE_URL` | `postgres://root@127.0.0.1:5432/postgres` | a role that may create databases; each test file clones a template into a database of its own |
 * | `TEST_REDIS_URL` | `redis://127.0.0.1:6379` | BullMQ queues, each test file under a key prefix of its own |
 * | `TEST_IMAP_PORT`, `TEST_LMTP_PORT` | `1143`, `2424` | the local Dovecot the email tests deliver to and read from |
 */
const env = (name: string, fallback: string): string => {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value;
};

export const TEST_DATABASE_URL = env(
  'TEST_DATABASE_URL',
  env('ORDERDESK_TEST_ADMIN_URL', 'postgres://root@127.0.0.1:5432/postgres'),
);
export const TEST_REDIS_URL = env('TEST_REDIS_URL', 'redis://127.0.0.1:6379');
export const TEST_IMAP_PORT = Number(env('TEST_IMAP_PORT', '1143'));
export const TEST_LMTP_PORT = Number(env('TEST_LMTP_PORT', '2424'));

/**
 * Ends every IMAP session of one test mailbox on the local Dovecot, whichever checkout's
 * `scripts/services-up.sh` started it: each keeps its sockets in a base_dir of its own under
 * /run (`TEST_DOVECOT_BASE_DIR` names one), and only the one serving the mailbox lists it.
 * Returns doveadm's output for the instance that had the sessions, or '' when none had.
 */
export async function kickDovecotUser(mailbox: string): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const { existsSync, readdirSync } = await import('node:fs');
  const named = process.env['TEST_DOVECOT_BASE_DIR'];
  const candidates =
    named !== undefined && named !== ''
      ? [named]
      : readdirSync('/run')
          .filter((d) => d.startsWith('orderdesk-dev-') || d === 'orderdesk-dovecot')
          .map((d) => `/run/${d}`)
          .filter((d) => existsSync(`${d}/master.pid`));
  for (const baseDir of candidates) {
    try {
      const out = execFileSync(
        'doveadm',
        ['-c', '/dev/null', '-o', `base_dir=${baseDir}`, 'kick', mailbox],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      ).toString();
      if (out.includes(mailbox)) return out;
    } catch {
      // not running, or not serving this mailbox
    }
  }
  return '';
}
