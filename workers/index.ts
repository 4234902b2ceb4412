/**
 * The worker role: one BullMQ Worker per stage (parse, validate, notify; parse and validate
 * send the replies they write themselves while there is room, and `jobs` parses the messages an
 * intake in this process stores, workers/inline-jobs.ts),
 * the export poller (workers/export.worker.ts) and the sweeper on an interval. Importing this file starts nothing;
 * `startWorkers` does, and its `close()` stops everything it started
 * (in-flight jobs finish first).
 *
 * The sweeper is a plain interval in every worker process, not a repeatable
 * BullMQ job: it is the thing that recovers from a Redis flush, so it must
 * not live in Redis. Several processes sweeping is harmless (job ids dedupe).
 */
import { Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { localSenders, type ChannelSenders } from '../src/channels/channel-sender.js';
import type { DB } from '../src/db/schema.js';
import { sharedAutocommit } from '../src/db/pipeline/shared-autocommit.js';
import { TransactionBatcher, type BatchStats } from '../src/db/pipeline/transaction-batcher.js';
import { createJobQueue } from '../src/queues/create-job-queue.js';
import {
  DEFAULT_QUEUE_PREFIX,
  JOBS,
  type JobName,
  type JobQueue,
} from '../src/queues/job-catalog.js';
import { createRedisConnection } from '../src/queues/redis-connection.js';
import { ParserInputsCache } from '../src/services/parser-inputs.js';
import { sendOutbox } from '../src/services/send-outbox.js';
import { sweepUnfinished } from '../src/services/sweep-unfinished.js';
import { purgeExpiredFiles } from '../src/services/files/purge-expired-files.js';
import type { FileReaders } from '../src/services/files/read-inbound-files.js';
import type { DeliverExportsOptions } from '../src/services/export/deliver-exports.js';
import { sendUsualOrderReminders } from '../src/services/self-service/usual-order-reminders.js';
import { refreshReportRollups } from '../src/services/reports/refresh-rollups.js';
import { sendWeeklyDigests, type SendDigestsDeps } from '../src/services/reports/weekly-digest.js';
import { startExportPoller } from './export.worker.js';
import { inlineJobs } from './inline-jobs.js';
import { notifyProcessor } from './notify.worker.js';
import { parseProcessor, parseRunner } from './parse.worker.js';
import { validateProcessor } from './validate.worker.js';

/**
 * Parse jobs one worker process runs at once: they share transactions and round trips
 * (src/db/pipeline/transaction-batcher.ts), so the more wait together the fewer round trips:
 * 32, one batch at a time, made batches of about 8 in the bench, where 16 (two at a time) made
 * about 2; 64 cost no less CPU and raised p99. The catalog's figure stays what the bench's bare
 * BullMQ chain runs with.
 */
export const PARSE_CONCURRENCY = 32;

/**
 * A message an intake in this process stores is parsed here (workers/inline-jobs.ts), but not at
 * once: those handed over within this many ms start together, so they share a claim statement
 * and a transaction as the jobs a BullMQ worker hands out together do (README "Performance",
 * seventh round).
 */
export const INLINE_PARSE_GATHER_MS = 20;

export interface StartWorkersDeps {
  db: Kysely<DB>;
  /** redis:// URL; a `/N` database index is honoured. */
  redisUrl: string;
  log: Logger;
  /** BullMQ key prefix, with a `{hash tag}`. Default `{orderdesk}`. */
  prefix?: string;
  /** Senders by channel. Default: web chat and transcript only (mark sent). */
  senders?: ChannelSenders;
  /** Shared with the HTTP side if it imports master data in-process. Default: a new cache. */
  parserInputs?: ParserInputsCache;
  /** Phone region for senders' numbers. Default `IN`. */
  defaultRegion?: string;
  /** Sweeper period; 0 turns it off. Default 30 s. */
  sweepIntervalMs?: number;
  /** The sweeper leaves rows younger than this alone. Default 5 s. */
  sweepGraceMs?: number;
  /** Per-stage concurrency overrides (defaults in the job catalog). */
  concurrency?: Partial<Record<JobName, number>>;
  /**
   * How long a job's lock lasts without renewal (BullMQ default 30 s). A
   * worker process that dies holds its jobs this long before another takes them.
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /**
   * How long a notify worker's claim on an outbox row lasts; a process dying
   * mid-send leaves the row to be retried after it. Keep it above the
   * slowest channel's send timeout. Default 60 s.
   */
  outboxLeaseMs?: number;
  /** Enqueues next stages. Default: a producer on `redisUrl` + `prefix`, closed with the workers. */
  jobs?: JobQueue;
  /** How often the export outbox is polled; 0 turns exporting off in this process. Default 1 s. */
  exportIntervalMs?: number;
  /** For the export webhook (tests). Default: global fetch. */
  exportFetch?: typeof fetch;
  /** Export delivery settings (lease, attempts, retry wait); defaults in deliver-exports.ts. */
  exportOptions?: DeliverExportsOptions;
  /** The portal's public address, for sign-in links asked for in chat. Default `http://localhost:3000`. */
  publicUrl?: string;
  /** How often "usual order?" reminders are looked for; 0 turns them off here. Default 15 min. */
  reminderIntervalMs?: number;
  /** How messages' files are fetched and read (docs/files.md); absent: files are not read. */
  files?: FileReaders;
  /** How often the report rollups are refreshed. Default 1 min. */
  rollupIntervalMs?: number;
  /** Sends the weekly report digest (SMTP); absent: no digests from this process. */
  digest?: Omit<SendDigestsDeps, 'db' | 'now'>;
  /** File bytes older than this many days are removed (hourly); absent: kept. */
  fileRetentionDays?: number;
}

export interface RunningWorkers {
  /**
   * The job queue for an intake in this process (the all-in-one role): the messages it stores
   * are parsed here while fewer than the parse concurrency are, without a BullMQ job.
   */
  readonly jobs: JobQueue;
  /** Runs one sweep now (tests; an operator command). */
  sweep(): Promise<void>;
  /** How the parse jobs' transactions were shared so far (src/db/pipeline/transaction-batcher.ts). */
  readonly parseBatches?: BatchStats;
  close(): Promise<void>;
}

export function startWorkers(deps: StartWorkersDeps): RunningWorkers {
  const prefix = deps.prefix ?? DEFAULT_QUEUE_PREFIX;
  const ownJobs = deps.jobs === undefined ? createJobQueue({ redis: deps.redisUrl, prefix }) : null;
  const jobs = deps.jobs ?? ownJobs!;
  const parserInputs =
    deps.parserInputs ??
    new ParserInputsCache(
      deps.defaultRegion === undefined ? {} : { defaultRegion: deps.defaultRegion },
    );
  const senders = deps.senders ?? localSenders();
  const connection = createRedisConnection(deps.redisUrl, 'worker');
  connection.on('error', (error) => deps.log.warn({ err: error }, 'worker redis connection error'));

  const notifyOptions = deps.outboxLeaseMs === undefined ? {} : { leaseMs: deps.outboxLeaseMs };
  // Single statements outside transactions (claims, send marks) share round trips, and the parse
  // jobs running at once share transactions (src/db/pipeline/).
  const autocommit = sharedAutocommit(deps.db);
  const parseTransactions = new TransactionBatcher(deps.db);
  // parse and validate send the replies they commit themselves (workers/inline-jobs.ts)
  const replies = inlineJobs({
    jobs,
    run: {
      notify: {
        run: ({ outboxId }) =>
          sendOutbox({ db: autocommit, senders }, { outboxId, ...notifyOptions }),
        limit: deps.concurrency?.notify ?? JOBS.notify.concurrency,
      },
    },
    log: deps.log.child({ worker: 'replies' }),
  });
  const parseDeps = {
    db: deps.db,
    jobs: replies.jobs,
    parserInputs,
    transactions: parseTransactions.run,
    autocommit,
    ...(deps.publicUrl === undefined ? {} : { publicUrl: deps.publicUrl }),
  };
  const parseFiles =
    deps.files === undefined
      ? null
      : { readers: deps.files, log: deps.log.child({ worker: 'files' }) };
  const parseConcurrency = deps.concurrency?.parse ?? PARSE_CONCURRENCY;
  // An intake in this process hands its messages straight to the parse (its replies inline too).
  const intake = inlineJobs({
    jobs: replies.jobs,
    run: {
      parse: {
        run: parseRunner(parseDeps, parseFiles),
        limit: parseConcurrency,
        gatherMs: INLINE_PARSE_GATHER_MS,
      },
    },
    log: deps.log.child({ worker: 'parse' }),
  });
  const processors = {
    parse: parseProcessor(parseDeps, parseFiles),
    validate: validateProcessor({ db: deps.db, jobs: replies.jobs }),
    notify: notifyProcessor({ db: autocommit, senders }, notifyOptions),
  };
  const workers = (Object.keys(processors) as JobName[]).map((name) => {
    const worker = new Worker(JOBS[name].queue, processors[name], {
      connection,
      prefix,
      concurrency:
        name === 'parse' ? parseConcurrency : (deps.concurrency?.[name] ?? JOBS[name].concurrency),
      ...(deps.lockDurationMs === undefined ? {} : { lockDuration: deps.lockDurationMs }),
      ...(deps.stalledIntervalMs === undefined ? {} : { stalledInterval: deps.stalledIntervalMs }),
    });
    // Without an 'error' listener an EventEmitter error would crash the process.
    worker.on('error', (error) => deps.log.warn({ err: error, queue: name }, 'worker error'));
    worker.on('failed', (job, error) =>
      deps.log.warn(
        { err: error, queue: name, jobId: job?.id, attempts: job?.attemptsMade },
        'job failed',
      ),
    );
    return worker;
  });

  let sweeping: Promise<void> | null = null;
  const sweep = (): Promise<void> => {
    // one sweep at a time per process
    sweeping ??= sweepUnfinished(
      { db: deps.db, jobs },
      deps.sweepGraceMs === undefined ? {} : { graceMs: deps.sweepGraceMs },
    )
      .then((counts) => {
        if (counts.parse + counts.validate + counts.notify > 0)
          deps.log.info(counts, 'swept unfinished work');
      })
      .catch((error: unknown) => deps.log.warn({ err: error }, 'sweep failed'))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };
  const exportInterval = deps.exportIntervalMs ?? 1_000;
  const exporter =
    exportInterval > 0
      ? startExportPoller({
          db: deps.db,
          log: deps.log.child({ worker: 'export' }),
          intervalMs: exportInterval,
          ...(deps.exportFetch === undefined ? {} : { fetch: deps.exportFetch }),
          ...(deps.exportOptions === undefined ? {} : { options: deps.exportOptions }),
        })
      : null;
  const reminderInterval = deps.reminderIntervalMs ?? 15 * 60_000;
  const reminders =
    reminderInterval > 0
      ? setInterval(() => {
          sendUsualOrderReminders({ db: deps.db, jobs }, new Date())
            .then((sent) => {
              if (sent > 0) deps.log.info({ sent }, 'sent usual-order reminders');
            })
            .catch((error: unknown) => deps.log.warn({ err: error }, 'reminders failed'));
        }, reminderInterval)
      : null;
  const retentionDays = deps.fileRetentionDays;
  const purging =
    retentionDays === undefined
      ? null
      : setInterval(() => {
          purgeExpiredFiles({ db: deps.db }, { retentionDays, now: new Date() })
            .then((purged) => {
              if (purged > 0) deps.log.info({ purged }, 'removed expired file contents');
            })
            .catch((error: unknown) => deps.log.warn({ err: error }, 'file purge failed'));
        }, 60 * 60_000);
  // Reports: rollups folded in every minute (a report also folds in before it reads), and the
  // weekly digest looked for every 15 minutes (sent once per user and week).
  const reportTimers = [
    setInterval(() => {
      refreshReportRollups(deps.db).catch((error: unknown) =>
        deps.log.warn({ err: error }, 'report rollup refresh failed'),
      );
    }, deps.rollupIntervalMs ?? 60_000),
    ...(deps.digest === undefined
      ? []
      : [
          setInterval(() => {
            sendWeeklyDigests({ db: deps.db, ...deps.digest! })
              .then((sent) => {
                if (sent > 0) deps.log.info({ sent }, 'sent weekly report digests');
              })
              .catch((error: unknown) => deps.log.warn({ err: error }, 'weekly digest failed'));
          }, 15 * 60_000),
        ]),
  ];
  const interval = deps.sweepIntervalMs ?? 30_000;
  const timer = interval > 0 ? setInterval(() => void sweep(), interval) : null;
  // Once at start-up too: work left unfinished while no worker ran is picked up at once, not
  // only after the first interval.
  if (interval > 0) void sweep();

  return {
    jobs: intake.jobs,
    sweep,
    parseBatches: parseTransactions.stats,
    async close() {
      if (timer) clearInterval(timer);
      if (reminders) clearInterval(reminders);
      if (purging) clearInterval(purging);
      for (const t of reportTimers) clearInterval(t);
      await exporter?.close();
      await Promise.all(workers.map((w) => w.close()));
      await intake.close();
      await parseTransactions.close();
      await replies.close();
      await sweeping;
      await ownJobs?.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
