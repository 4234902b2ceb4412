/**
 * Entry of `npm start` (docs/operations.md): migrates the database
 * (creating it when the role may), then runs the roles asked for in this
 * process: the HTTP API, the pipeline workers, or both (default). Builds
 * every dependency by hand; nothing else reads the environment.
 *
 *     npm start                      API + workers
 *     npm start -- --role api        API only      (many may run)
 *     npm start -- --role worker     workers only  (many may run)
 *     npm start -- --demo            + sample data from examples/ into an empty database
 *     npm start -- --no-supervise    no supervisor process (systemd, Docker restart it)
 *
 * By default this process is a supervisor (start/supervisor.ts) that runs
 * the same command as a child and restarts it when it dies after start-up.
 *
 * Exit codes: 0 after a clean shutdown (SIGTERM/SIGINT), 2 for bad flags or
 * configuration (each problem printed, no stack), 1 when start-up fails
 * (database unreachable, port taken, ...) or a fault stops the process.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { formatConfigProblems, loadConfig, type FrozenConfig } from './config/index.js';
import { describeStartupError, openDatabase } from './db/open-database.js';
import type { Database } from './db/database.js';
import { createApp } from './http/create-app.js';
import { postgresCheck, redisCheck } from './http/health/health-checks.js';
import { createJobQueue, type ClosableJobQueue } from './queues/create-job-queue.js';
import { ingestMessage } from './services/ingest-message.js';
import { createDigestMailer } from './services/reports/weekly-digest.js';
import {
  emailHealth,
  startEmailWorkerParts,
  type EmailWorkerParts,
} from './channels/email/email-wiring.js';
import { localSenders } from './channels/channel-sender.js';
import {
  startWhatsappWorkerParts,
  whatsappApiParts,
  type WhatsappWorkerParts,
} from './channels/whatsapp-wiring.js';
import { collectProcessMetrics } from './metrics/channel-metrics.js';
import { listen, ListenError, type RunningServer } from './start/http-server.js';
import { DemoDataError, loadDemoData } from './start/load-demo-data.js';
import { loadDemoHistory } from './start/demo-history.js';
import { indiaDate } from './domain/india-date.js';
import { syncEnvExportTarget } from './services/export/env-export-target.js';
import { parseStartArgs, START_USAGE, type StartArgs } from './start/parse-start-args.js';
import { READY_MESSAGE, SUPERVISED_ENV, superviseService } from './start/supervisor.js';
import type { RunningWorkers } from '../workers/index.js';
import { fileReadersFromConfig } from './services/files/file-readers.js';

const EXIT_OK = 0;
const EXIT_FAULT = 1;
const EXIT_USAGE = 2;

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseStartArgs(argv);
  if (!parsed.ok) {
    err(`start: ${parsed.message}\n\n${START_USAGE}`);
    return EXIT_USAGE;
  }
  const args = parsed.args;
  if (args.help) {
    out(START_USAGE);
    return EXIT_OK;
  }

  const loaded = loadConfig();
  if (!loaded.ok) {
    err(`start: ${formatConfigProblems(loaded.problems)}`);
    return EXIT_USAGE;
  }
  let config: FrozenConfig = loaded.config;
  let generatedToken = false;
  if (args.demo && config.apiToken === null) {
    // The API stays closed without a token; a demo needs one to be usable.
    config = Object.freeze({ ...config, apiToken: randomBytes(18).toString('base64url') });
    generatedToken = true;
  }

  // On a terminal, readable lines (pino-pretty); piped or under a supervisor, JSON lines.
  const logger = pino({
    name: 'orderdesk',
    level: config.logLevel,
    ...(process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
  const service = await startService(args, config, logger);
  if (!service.ok) {
    err(`start: ${service.message}`);
    return EXIT_FAULT;
  }
  printBanner(args, config, service, generatedToken);
  const shutdown = waitForShutdown(service, logger);
  if (process.send !== undefined) {
    process.send(READY_MESSAGE);
    // The supervisor is gone (killed): stop as if told to, rather than run unsupervised.
    process.once('disconnect', () => process.emit('SIGTERM', 'SIGTERM'));
  }
  return shutdown;
}

interface RunningService {
  ok: true;
  db: Database;
  server: RunningServer | null;
  jobs: ClosableJobQueue | null;
  healthRedis: Redis | null;
  workers: RunningWorkers | null;
  email: EmailWorkerParts | null;
  whatsapp: WhatsappWorkerParts | null;
  demo: {
    loaded: boolean;
    summary: string[];
    dealer: string | null;
    consoleLogin: { email: string; password: string } | null;
  } | null;
}

async function startService(
  args: StartArgs,
  config: FrozenConfig,
  logger: Logger,
): Promise<RunningService | { ok: false; message: string }> {
  let db: Database;
  try {
    const opened = await openDatabase({
      url: config.databaseUrl,
      max: args.role === 'all' ? 20 : 10,
      applicationName: `orderdesk-${args.role}`,
      onIdleError: (error) =>
        logger.warn({ err: error }, 'database connection lost (the pool reconnects)'),
    });
    db = opened.db;
    await syncEnvExportTarget(db, config.exportWebhook);
    if (opened.created) logger.info('created the database');
    if (opened.applied.length > 0) logger.info({ migrations: opened.applied }, 'migrated');
  } catch (error) {
    const message = describeStartupError(error);
    if (message === null) throw error;
    return { ok: false, message };
  }

  const service: RunningService = {
    ok: true,
    db,
    server: null,
    jobs: null,
    healthRedis: null,
    workers: null,
    email: null,
    whatsapp: null,
    demo: null,
  };
  try {
    if (args.demo) service.demo = await loadDemo(db, config, logger);

    // Messages stored here are parsed in this process once its workers run (the all-in-one
    // role: no BullMQ job while there is room, workers/inline-jobs.ts); before, and in an
    // API-only process, they go to the parse queue.
    const ingest = (input: Parameters<typeof ingestMessage>[1]) =>
      ingestMessage({ db, jobs: service.workers?.jobs ?? service.jobs! }, input);

    if (args.role === 'api' || args.role === 'all') {
      const jobs = createJobQueue({ redis: config.redisUrl, onError: queueError(logger) });
      service.jobs = jobs;
      // Its own connection: a health probe must not queue behind producer traffic.
      const healthRedis = new Redis(config.redisUrl, {
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt) => Math.min(attempt * 250, 5_000),
      });
      healthRedis.on('error', (error) => logger.debug({ err: error }, 'health redis error'));
      service.healthRedis = healthRedis;
      const whatsapp = whatsappApiParts({ db, config, logger, ingest });
      collectProcessMetrics();
      const app = createApp({
        db,
        config,
        logger,
        ingest,
        jobs,
        // The sign-in limiter counts in Redis, shared by every API process.
        console: {
          jobs,
          queues: Object.values(jobs.queues),
          rateLimitRedis: healthRedis,
          reviewSla: config.reviewSla,
          ...(config.publicUrl === null ? {} : { publicUrl: config.publicUrl }),
        },
        health: {
          postgres: postgresCheck(db),
          redis: redisCheck(healthRedis),
          ...whatsapp.health,
          ...emailHealth(db, config.imap),
        },
        webhooks: whatsapp.webhooks,
      });
      service.server = await listen(app, config.port);
    }

    if (args.role === 'worker' || args.role === 'all') {
      // Loaded only for the worker role, so an API-only process never loads
      // the workers and the parser.
      const { startWorkers } = await import('../workers/index.js');
      // The worker owns the whatsapp-web session (it receives and sends); README "WhatsApp".
      service.jobs ??= createJobQueue({ redis: config.redisUrl, onError: queueError(logger) });
      service.whatsapp = startWhatsappWorkerParts({ db, config, logger, ingest });
      service.email = startEmailWorkerParts({ db, config, logger, ingest });
      const emailSender = service.email.sender;
      const whatsappSender = service.whatsapp.sender;
      service.workers = startWorkers({
        senders: {
          ...localSenders(),
          ...(whatsappSender === null ? {} : { whatsapp: whatsappSender }),
          ...(emailSender === null ? {} : { email: emailSender }),
        },
        db,
        redisUrl: config.redisUrl,
        log: logger.child({ role: 'worker' }),
        defaultRegion: config.defaultRegion,
        exportOptions: { retryBaseMs: config.exportRetryBaseMs },
        publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
        files: fileReadersFromConfig(config),
        fileRetentionDays: config.files.retentionDays,
        ...(config.smtp === null
          ? {}
          : {
              digest: {
                mailer: createDigestMailer(config.smtp),
                from: config.smtp.from,
                publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
              },
            }),
        jobs: service.jobs,
      });
    }
    return service;
  } catch (error) {
    await stopService(service, logger).catch(() => undefined);
    if (error instanceof ListenError || error instanceof DemoDataError) {
      return { ok: false, message: error.message };
    }
    const message = describeStartupError(error);
    if (message === null) throw error;
    return { ok: false, message };
  }
}

/** Redis down or restarting: logged once per error; the connection retries by itself. */
const queueError = (logger: Logger) => (error: Error) =>
  logger.warn({ err: error }, 'queue connection error (reconnecting)');

async function loadDemo(
  db: Database,
  config: FrozenConfig,
  logger: Logger,
): Promise<NonNullable<RunningService['demo']>> {
  const result = await loadDemoData({ db, config, logger });
  if (result.loaded) {
    const orders = await loadDemoHistory(db, indiaDate(new Date()));
    result.summary.push(
      `${orders} invoiced orders of made-up history over the last two years, for the reports`,
    );
  }
  const first = await db
    .selectFrom('dealers')
    .select('code')
    .where('active', '=', true)
    .orderBy('code')
    .executeTakeFirst();
  return {
    loaded: result.loaded,
    summary: result.loaded ? result.summary : [],
    dealer: first?.code ?? null,
    consoleLogin: result.loaded ? result.consoleLogin : null,
  };
}

function printBanner(
  args: StartArgs,
  config: FrozenConfig,
  service: RunningService,
  generatedToken: boolean,
): void {
  const url = service.server === null ? null : `http://localhost:${service.server.port}`;
  if (service.demo !== null) {
    if (service.demo.loaded) {
      out('Demo data loaded from examples/:');
      for (const line of service.demo.summary) out(`  ${line}`);
    } else {
      out('Demo data: the database already has dealers or products; nothing was loaded.');
    }
  }
  out(`Order Desk is running (role: ${args.role}).`);
  if (url !== null) {
    out(`Order Desk listening on ${url}`);
    out(`  Web chat:  ${url}/chat`);
    out(`  Health:    ${url}/health`);
    out(`  Console:   ${url}/console`);
    out(
      `  Portal:    ${url}/portal   (dealers sign in with a link: send "portal link" in the web chat)`,
    );
    if (service.demo?.consoleLogin) {
      const login = service.demo.consoleLogin;
      out(`  Console login: ${login.email} / ${login.password}   (an admin made for this demo)`);
    } else {
      out('  Console users: `npm run cli -- user create --email YOU --role admin` makes one');
    }
    if (args.demo) {
      out(
        generatedToken
          ? `  API token: ${config.apiToken ?? ''}   (generated for this run; set ORDERDESK_API_TOKEN to choose your own)`
          : '  API token: the value of ORDERDESK_API_TOKEN',
      );
      if (service.demo?.dealer != null) {
        out(
          `  Try it:    open the web chat, paste the token, pick dealer ${service.demo.dealer} and send "2 bucket interior white 20L"`,
        );
      }
    } else if (config.apiToken === null) {
      out(
        '  API token: ORDERDESK_API_TOKEN is not set; only tokens stored in the database are accepted',
      );
    }
  }
  if (service.workers !== null) out('  Workers:   parse, validate, notify, sweeper');
  out('Stop with Ctrl+C (SIGINT) or SIGTERM.');
}

async function stopService(service: RunningService, logger: Logger): Promise<void> {
  const step = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      logger.warn({ err: error }, `stopping ${what} failed`);
    }
  };
  // Stop taking work first (HTTP, then workers finish their jobs), then the
  // connections they used.
  if (service.server !== null) await step('the HTTP server', () => service.server!.close(10_000));
  const web = service.whatsapp?.web ?? null;
  if (web !== null) await step('whatsapp-web', () => web.stop());
  if (service.email !== null) await step('the email channel', () => service.email!.stop());
  if (service.workers !== null) await step('the workers', () => service.workers!.close());
  if (service.jobs !== null) await step('the queues', () => service.jobs!.close());
  service.healthRedis?.disconnect();
  await step('the database pool', () => service.db.destroy());
}

function waitForShutdown(service: RunningService, logger: Logger): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(EXIT_FAULT);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const watchdog = setTimeout(() => {
        logger.error('shutdown took longer than 30 s: exiting');
        process.exit(EXIT_FAULT);
      }, 30_000);
      watchdog.unref();
      void stopService(service, logger).then(() => {
        clearTimeout(watchdog);
        logger.info('stopped');
        resolve(EXIT_OK);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`start: unhandled rejection: ${String(reason)}\n`);
  if (reason instanceof Error && reason.stack !== undefined)
    process.stderr.write(`${reason.stack}\n`);
  process.exit(EXIT_FAULT);
});

const argv = process.argv.slice(2);
const supervise =
  process.env[SUPERVISED_ENV] !== '1' &&
  !argv.includes('--no-supervise') &&
  !argv.includes('--help') &&
  !argv.includes('-h');
const run = supervise ? superviseService({ script: process.argv[1]!, argv, log: err }) : main(argv);
run.then(
  (code) => {
    process.exitCode = code;
    // Anything still holding the event loop open (a stuck socket) must not
    // keep a finished process alive.
    setTimeout(() => process.exit(code), 5_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `start: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(EXIT_FAULT);
  },
);
