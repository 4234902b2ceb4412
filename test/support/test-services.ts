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
