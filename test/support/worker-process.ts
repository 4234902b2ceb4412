/**
 * A worker process for crash tests: starts the real workers against the
 * database and queue prefix given in the environment, prints `ready`, and
 * runs until killed. Short lock/stall timings so a SIGKILLed process's jobs
 * are taken over within seconds.
 *
 *   DATABASE_URL=... REDIS_URL=... QUEUE_PREFIX=... tsx test/support/worker-process.ts
 */
import { pino } from 'pino';
import { createDatabase } from '../../src/db/database.js';
import { startWorkers } from '../../workers/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const db = createDatabase({
  url: env('DATABASE_URL'),
  max: 20,
  applicationName: 'orderdesk-test-worker',
});
const workers = startWorkers({
  db,
  redisUrl: env('REDIS_URL'),
  prefix: env('QUEUE_PREFIX'),
  log: pino({ level: process.env['LOG_LEVEL'] ?? 'silent' }),
  sweepIntervalMs: 500,
  sweepGraceMs: 1000,
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  outboxLeaseMs: 2000,
  exportIntervalMs: 200,
  exportOptions: { leaseMs: 2000, retryBaseMs: 100 },
});
process.stdout.write('ready\n');

const stop = async () => {
  await workers.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
