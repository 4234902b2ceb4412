/**
 * `npm run bench [-- --short] [-- --messages N] [-- --rate-seconds S] [-- --wa-numbers N]
 * [-- --pg-socket] [-- --profile] [-- --node-flags=...]`: the benchmark (docs/operations.md; README "Performance").
 * In one run, on a PostgreSQL and Redis of its own (or BENCH_DATABASE_URL / BENCH_REDIS_URL):
 *
 *  (a) a bare BullMQ 3-hop chain on that Redis: the queue's own ceiling, chains/s;
 *  (b) the service as `npm start` runs it (all-in-one, one process under its supervisor) with
 *      20,000 SKUs and 5,000 dealers: N messages in through the public intake (signed WhatsApp
 *      Cloud webhook deliveries, every fifth a POST /api/transcripts), 50 at a time, until every
 *      message is final and every reply sent (WhatsApp replies to a local Graph stand-in);
 *  (c) message → first reply latency at a fixed offered rate: 100 msg/s for 60 s, and 500 msg/s
 *      when (b) showed the service can keep up with it; p99 also per channel (WhatsApp replies
 *      are paced per sending number, transcripts not) and per tenth of the run (does it grow?);
 *  (d) the service processes' peak RSS (VmHWM);
 *  (e) (b) again with `--role api` + 2 `--role worker` processes.
 *
 * The distributor has `--wa-numbers` WhatsApp business numbers (default 4, BENCH_WA_NUMBERS), each
 * dealer writing to one of them: WhatsApp paces each number at 80 sends a second, so 80 WhatsApp
 * messages a second on one number leave no slack at all (`--wa-numbers 1` shows what that does).
 *
 * A first sample of messages goes through before anything is timed (the parser compiles the
 * catalog, the JIT warms) and says what share the parser sent straight through. `--profile`
 * loads pg_stat_statements in its cluster and runs the all-in-one service with --cpu-prof into
 * test-artifacts/profile/ (aggregate with test/bench/pipeline/cpu-profile-summary.ts).
 *
 * Progress goes to stderr, a table and then one JSON line to stdout (the last line). Stops what
 * it started, and removes its cluster and Redis, also on failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase, type Database } from '../../src/db/database.js';
import { startFlakyGraph, type FlakyGraph } from '../chaos/chaos-load.js';
import { SupervisedService } from '../chaos/chaos-stack.js';
import { freePort, startOwnRedis, type OwnRedis } from '../support/own-redis.js';
import { startScratchPostgres, type ScratchPostgres } from '../support/scratch-postgres.js';
import { measureBareChain } from './pipeline/bare-chain.js';
import {
  commandDelta,
  peakRssMb,
  pgCounters,
  postgresCpuSeconds,
  processCpuSeconds,
  redisCommandCounts,
  redisCpuSeconds,
  type PgCounters,
} from './pipeline/bench-counters.js';
import {
  DEALERS,
  SKUS,
  generateBenchMessages,
  generateCatalogRows,
  generateDealers,
  importMasterData,
} from './pipeline/bench-data.js';
import {
  deliverAtRate,
  deliverClosedLoop,
  replyLatency,
  waitSettled,
  type Intake,
  type Latency,
} from './pipeline/pipeline-load.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IN_FLIGHT = 50;
const APP_SECRET = 'bench-app-secret';
const PHONE_NUMBER_ID = 'bench-number';
const SETTLE_MS = 10 * 60_000;
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const round = (value: number, places = 0) => Number(value.toFixed(places));

const { values: flags } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    messages: { type: 'string' },
    'rate-seconds': { type: 'string' },
    profile: { type: 'boolean', default: false },
    // node flags for every service process, e.g. "--max-semi-space-size=8" (memory experiments)
    'node-flags': { type: 'string' },
    // the distributor's WhatsApp business numbers (each paced at 80 sends/s by WhatsApp)
    'wa-numbers': { type: 'string' },
    // the service reaches its (own, local) PostgreSQL over the Unix socket instead of TCP
    'pg-socket': { type: 'boolean', default: false },
  },
});
const NODE_FLAGS = flags['node-flags']?.split(/\s+/).filter(Boolean) ?? [];
const short = flags.short === true;
const MESSAGES = Number(flags.messages ?? process.env['BENCH_MESSAGES'] ?? (short ? 600 : 4_000));
const RATE_SECONDS = Number(flags['rate-seconds'] ?? (short ? 15 : 60));
const SAMPLE = short ? 200 : 400;
const CHAINS = 10_000;
/**
 * WhatsApp business numbers the distributor's dealers write to (each dealer always the same one):
 * 4 by default, as a distributor with a number per branch. Each number may send 80 replies a
 * second (WhatsApp's pacing, kept), so at 100 messages/s offered (80 on WhatsApp) one number
 * alone would be at 100% of its pace with nothing to absorb a stall; `--wa-numbers 1` shows that.
 */
const WA_NUMBERS = Number(flags['wa-numbers'] ?? process.env['BENCH_WA_NUMBERS'] ?? 4);
if (!Number.isInteger(WA_NUMBERS) || WA_NUMBERS < 1) throw new Error('--wa-numbers: 1 or more');
const PHONE_NUMBER_IDS = Array.from(
  { length: WA_NUMBERS },
  (_, i) => `${PHONE_NUMBER_ID}-${i + 1}`,
);

interface Phase {
  messages: number;
  seconds: number;
  perSecond: number;
  /** Messages final (replies written, not yet all sent) per second. */
  finalPerSecond: number;
  done: number;
  review: number;
  failed: number;
  latency: Latency;
}

async function main(): Promise<number> {
  const runId = randomBytes(4).toString('hex');
  const loadStart = loadavg()[0]!;
  let postgres: ScratchPostgres | null = null;
  let redis: OwnRedis | null = null;
  let graph: FlakyGraph | null = null;
  let db: Database | null = null;
  const services: SupervisedService[] = [];
  const stopServices = async () => {
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    services.length = 0;
  };
  try {
    // --- PostgreSQL, Redis, master data -------------------------------------------------------
    let databaseUrl = process.env['BENCH_DATABASE_URL'];
    let serviceDatabaseUrl: string | undefined;
    if (databaseUrl === undefined) {
      postgres = await startScratchPostgres(
        flags.profile === true
          ? {
              shared_preload_libraries: 'pg_stat_statements',
              'pg_stat_statements.track_planning': 'on',
            }
          : {},
      );
      await postgres.createDatabase('orderdesk');
      databaseUrl = postgres.url('orderdesk');
      if (flags['pg-socket'] === true) serviceDatabaseUrl = postgres.socketUrl('orderdesk');
    }
    let redisUrl = process.env['BENCH_REDIS_URL'];
    if (redisUrl === undefined) {
      redis = await startOwnRedis();
      redisUrl = redis.url;
    }
    graph = await startFlakyGraph(0, 1);
    log(`run ${runId}: node ${process.version}, ${cpus().length} cores; PG and Redis up`);
    const t = performance.now();
    const catalog = generateCatalogRows();
    const dealers = generateDealers();
    const gen = (count: number, seed: number) =>
      generateBenchMessages(count, seed, catalog, dealers);
    await importMasterData(databaseUrl, catalog, dealers);
    log(
      `imported ${SKUS} SKUs, ${DEALERS} dealers, RETAIL prices in ${round((performance.now() - t) / 1000, 1)} s`,
    );
    db = createDatabase({ url: databaseUrl, max: 2 });
    if (flags.profile === true)
      await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db);

    // --- (a) the bare chain ------------------------------------------------------------------
    // Best of three: a ceiling, so the run least disturbed by anything else on the machine.
    const chainRuns = [];
    for (let i = 0; i < 3; i += 1) chainRuns.push(await measureBareChain(redisUrl, CHAINS));
    const chain = chainRuns.reduce((a, b) => (b.chainsPerS > a.chainsPerS ? b : a));
    log(
      `(a) bare BullMQ 3-hop chain: ${CHAINS} chains, ${chainRuns.map((r) => round(r.chainsPerS)).join(' / ')} chains/s`,
    );

    // --- (b) the all-in-one service ----------------------------------------------------------
    const apiToken = `bench-${runId}`;
    const serviceEnv = (port: number): Record<string, string> => ({
      DATABASE_URL: serviceDatabaseUrl ?? databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      ORDERDESK_API_TOKEN: apiToken,
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'bench-verify',
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'bench-access',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_IDS.join(','),
      WHATSAPP_CLOUD_GRAPH_URL: graph!.url,
      WHATSAPP_SEND_GAP_MS: '0',
      IMAP_HOST: '',
      SMTP_URL: '',
      OPENAI_BASE_URL: '',
      WHATSAPP_WEB_ENABLED: 'false',
      ORDERDESK_EXPORT_WEBHOOK_URL: '',
    });
    const intake = (port: number, phase: string): Intake => ({
      baseUrl: `http://127.0.0.1:${port}`,
      apiToken,
      appSecret: APP_SECRET,
      phoneNumberIds: PHONE_NUMBER_IDS,
      wamidPrefix: `wamid.bench-${runId}-${phase}-`,
    });
    let port = await freePort();
    const profileDir = path.join(ROOT, 'test-artifacts', 'profile', runId);
    if (flags.profile === true) mkdirSync(profileDir, { recursive: true });
    // The supervisor forks its child with its own node flags: both write a profile.
    const all = new SupervisedService('all-in-one', [], serviceEnv(port), [
      ...NODE_FLAGS,
      ...(flags.profile === true ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ]);
    services.push(all);
    await all.ready(/listening on/);
    const allPid = await all.waitForChild();
    log(`(b) service up (all-in-one, pid ${allPid}) on :${port}`);

    // A sample first: warms the parser's compiled catalog and says what goes straight through.
    const sample = await runPhase(db, intake(port, 'sample'), gen(SAMPLE, 1), 'closed');
    log(
      `sample: ${sample.messages} messages, ${sample.done} done, ${sample.review} for review ` +
        `(${round((100 * sample.done) / sample.messages)}% straight through)`,
    );

    await sleep(1_500); // let idle backends publish their counters before the "before" reading
    // Statements of (b) and (c) only in the profile's pg-statements.json, not the import's.
    if (flags.profile === true) await sql`SELECT pg_stat_statements_reset()`.execute(db);
    const pgBefore = await pgCounters(db);
    const redisBefore = await redisCommandCounts(redisUrl);
    // CPU seconds of the service, PostgreSQL and Redis: what a message costs whatever else runs
    const cpuBefore = {
      service: processCpuSeconds(allPid),
      postgres: await postgresCpuSeconds(db),
      redis: await redisCpuSeconds(redisUrl),
    };
    const burst = await runPhase(db, intake(port, 'burst'), gen(MESSAGES, 2), 'closed');
    log(
      `(b) ${burst.messages} messages, ${IN_FLIGHT} in flight: ${round(burst.perSecond, 1)} msg/s ` +
        `(${round(burst.finalPerSecond, 1)} msg/s final, before the send pacing); ` +
        `message→reply p50 ${round(burst.latency.p50)} ms, p99 ${round(burst.latency.p99)} ms`,
    );

    // --- (c) latency at a fixed offered rate -------------------------------------------------
    const rate100 = await runPhase(
      db,
      intake(port, 'r100'),
      gen(100 * RATE_SECONDS, 3),
      'rate',
      100,
    );
    log(
      `(c) 100 msg/s for ${RATE_SECONDS} s: p50 ${round(rate100.latency.p50)} ms, p99 ${round(rate100.latency.p99)} ms ` +
        `(WhatsApp ${round(rate100.latency.p99ByChannel.whatsapp)}, transcripts ${round(rate100.latency.p99ByChannel.transcript)}; ` +
        `by tenth of the run: ${rate100.latency.p99ByTenth.join(' ')})`,
    );
    let rate500: Phase | null = null;
    if (burst.perSecond >= 500) {
      rate500 = await runPhase(db, intake(port, 'r500'), gen(500 * RATE_SECONDS, 4), 'rate', 500);
      log(
        `(c) 500 msg/s: p50 ${round(rate500.latency.p50)} ms, p99 ${round(rate500.latency.p99)} ms`,
      );
    } else log(`(c) 500 msg/s skipped: the service did ${round(burst.perSecond)} msg/s in (b)`);
    const measured = burst.messages + rate100.messages + (rate500?.messages ?? 0);

    // --- (d) peak RSS, and the per-message counts once the service has stopped ---------------
    const allRssMb = peakRssMb(all.childPid());
    const cpuMs = (before: number | null, after: number | null) =>
      before === null || after === null ? null : round((1000 * (after - before)) / measured, 2);
    const cpuPerMessage = {
      service: cpuMs(cpuBefore.service, processCpuSeconds(allPid)),
      postgres: cpuMs(cpuBefore.postgres, await postgresCpuSeconds(db)),
      redis: cpuMs(cpuBefore.redis, await redisCpuSeconds(redisUrl)),
    };
    await stopServices();
    const pgAfter = await pgCounters(db);
    const redisDelta = commandDelta(redisBefore, await redisCommandCounts(redisUrl));
    const perMessage = perMessageCounts(pgBefore, pgAfter, redisDelta, measured);
    log(
      `(d) peak RSS ${round(allRssMb)} MB; per message: ${perMessage.pg_xacts} PG transactions, ` +
        `${perMessage.pg_statements ?? '?'} statements, ${perMessage.redis_commands} Redis commands`,
    );
    log(
      `    CPU per message: service ${cpuPerMessage.service} ms, PostgreSQL ${cpuPerMessage.postgres ?? '?'} ms, ` +
        `Redis ${cpuPerMessage.redis} ms`,
    );
    log(
      `    top Redis commands per message: ${redisDelta
        .slice(0, 8)
        .map(([name, calls]) => `${name} ${round(calls / measured, 1)}`)
        .join(', ')}`,
    );
    if (flags.profile === true) {
      // What the next engineer needs beside the .cpuprofile: which statements and commands.
      const { rows } = await sql<Record<string, unknown>>`
        SELECT calls, rows, round(total_exec_time::numeric, 1) AS total_ms,
               plans, round(total_plan_time::numeric, 1) AS plan_ms,
               shared_blks_hit, shared_blks_dirtied, wal_records, query
          FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 60`.execute(
        db,
      );
      const bigints = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
      writeFileSync(path.join(profileDir, 'pg-statements.json'), JSON.stringify(rows, bigints, 1));
      writeFileSync(
        path.join(profileDir, 'redis-commands.json'),
        JSON.stringify({ messages: measured, commands: redisDelta }, null, 1),
      );
      log(`    CPU profile, statements and Redis commands in ${path.relative(ROOT, profileDir)}/`);
    }

    // --- (e) one API and two worker processes -------------------------------------------------
    port = await freePort();
    const api = new SupervisedService('api', ['--role', 'api'], serviceEnv(port), NODE_FLAGS);
    services.push(api);
    await api.ready(/listening on/);
    const workers = [1, 2].map(
      (n) =>
        new SupervisedService(`worker ${n}`, ['--role', 'worker'], serviceEnv(port), NODE_FLAGS),
    );
    services.push(...workers);
    await Promise.all(workers.map((w) => w.ready(/role: worker/)));
    log(`(e) service up: --role api + 2 × --role worker on :${port}`);
    const split = await runPhase(db, intake(port, 'split'), gen(MESSAGES, 5), 'closed');
    const splitRss = services.map((s) => peakRssMb(s.childPid()));
    await stopServices();
    log(`(e) ${split.messages} messages: ${round(split.perSecond, 1)} msg/s`);

    const summary = {
      orders_per_s: round(burst.perSecond, 1),
      // until the last message is final: what the pipeline does short of WhatsApp's send pacing
      final_per_s: round(burst.finalPerSecond, 1),
      baseline_chains_per_s: round(chain.chainsPerS),
      ratio: round(burst.perSecond / chain.chainsPerS, 4),
      p50_ms: round(rate100.latency.p50),
      p99_ms: round(rate100.latency.p99),
      p99_whatsapp_ms: round(rate100.latency.p99ByChannel.whatsapp),
      p99_transcript_ms: round(rate100.latency.p99ByChannel.transcript),
      p99_by_tenth_ms: rate100.latency.p99ByTenth,
      wa_numbers: WA_NUMBERS,
      pg_socket: serviceDatabaseUrl !== undefined,
      peak_rss_mb: round(allRssMb),
      workers: 1,
      messages: burst.messages,
      straight_through_share: round(burst.done / burst.messages, 3),
      burst_p50_ms: round(burst.latency.p50),
      burst_p99_ms: round(burst.latency.p99),
      rate_100_offered_s: RATE_SECONDS,
      rate_100_msg_per_s: round(rate100.perSecond, 1),
      rate_500_p50_ms: rate500 === null ? null : round(rate500.latency.p50),
      rate_500_p99_ms: rate500 === null ? null : round(rate500.latency.p99),
      split_orders_per_s: round(split.perSecond, 1),
      split_workers: 2,
      split_peak_rss_mb: splitRss.map((mb) => round(mb)),
      ...Object.fromEntries(Object.entries(perMessage).map(([k, v]) => [`${k}_per_msg`, v])),
      // CPU time per message of (b) and (c), from /proc and INFO cpu: unlike the rates, about the
      // same however busy the machine is
      cpu_ms_per_msg: cpuPerMessage,
      profiled: flags.profile === true,
      short,
      date: new Date().toISOString().slice(0, 10),
      cores: cpus().length,
      // Other work on the machine skews every figure: the 1-minute load at the start and end.
      load_avg: [round(loadStart, 1), round(loadavg()[0]!, 1)],
      node: process.version,
    };
    printTable(summary, sample.done / sample.messages);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await stopServices();
    await db?.destroy();
    await graph?.close();
    await redis?.stop();
    await postgres?.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delivers `messages` (all at once in lanes, or at a fixed rate) and waits for the outcome. */
async function runPhase(
  db: Database,
  intake: Intake,
  messages: ReturnType<typeof generateBenchMessages>,
  mode: 'closed' | 'rate',
  perSecond = 0,
): Promise<Phase> {
  const since = new Date(Date.now() - 1);
  const t0 = Date.now();
  if (mode === 'closed') await deliverClosedLoop(intake, messages, IN_FLIGHT);
  else {
    const offered = await deliverAtRate(intake, messages, perSecond);
    log(
      `  offered ${messages.length} in ${round(offered.offerMs / 1000, 1)} s; at most ${offered.maxOpen} requests open`,
    );
  }
  const settled = await waitSettled(db, since, messages.length, SETTLE_MS, log);
  if (settled.stored !== messages.length)
    throw new Error(`bench: ${settled.stored} messages stored, ${messages.length} sent`);
  return {
    messages: messages.length,
    seconds: (settled.lastAt - t0) / 1000,
    perSecond: messages.length / ((settled.lastAt - t0) / 1000),
    finalPerSecond: messages.length / ((settled.lastFinalAt - t0) / 1000),
    done: settled.done,
    review: settled.review,
    failed: settled.failed,
    latency: await replyLatency(db, since),
  };
}

function perMessageCounts(
  before: PgCounters,
  after: PgCounters,
  redis: [string, number][],
  messages: number,
) {
  const per = (n: number) => round(n / messages, 1);
  return {
    pg_xacts: per(after.xacts - before.xacts),
    pg_statements:
      after.statements === null || before.statements === null
        ? null
        : per(after.statements - before.statements),
    pg_rows_fetched: per(after.fetched - before.fetched),
    pg_rows_inserted: per(after.inserted - before.inserted),
    pg_rows_updated: per(after.updated - before.updated),
    pg_rollbacks: round((after.rollbacks - before.rollbacks) / messages, 3),
    redis_commands: per(redis.reduce((sum, [, calls]) => sum + calls, 0)),
  };
}

function printTable(summary: Record<string, unknown>, sampleShare: number): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const rows: [string, unknown][] = [
    ['bare BullMQ 3-hop chain (chains/s)', summary['baseline_chains_per_s']],
    [`pipeline, all-in-one, ${IN_FLIGHT} in flight (msg/s)`, summary['orders_per_s']],
    ['  of which until every message is final (msg/s)', summary['final_per_s']],
    ['ratio', summary['ratio']],
    ['1-minute load average, start / end', (summary['load_avg'] as number[]).join(' / ')],
    [
      'straight through (share, sample / burst)',
      `${round(sampleShare, 3)} / ${String(summary['straight_through_share'])}`,
    ],
    [
      'burst message→reply p50 / p99 (ms)',
      `${String(summary['burst_p50_ms'])} / ${String(summary['burst_p99_ms'])}`,
    ],
    [
      '100 msg/s message→reply p50 / p99 (ms)',
      `${String(summary['p50_ms'])} / ${String(summary['p99_ms'])}`,
    ],
    [
      '500 msg/s message→reply p50 / p99 (ms)',
      summary['rate_500_p99_ms'] === null
        ? 'skipped'
        : `${String(summary['rate_500_p50_ms'])} / ${String(summary['rate_500_p99_ms'])}`,
    ],
    ['peak RSS, all-in-one (MB)', summary['peak_rss_mb']],
    ['api + 2 workers (msg/s)', summary['split_orders_per_s']],
    ['peak RSS api, worker, worker (MB)', (summary['split_peak_rss_mb'] as number[]).join(', ')],
    [
      'PG transactions / statements per message',
      `${String(summary['pg_xacts_per_msg'])} / ${String(summary['pg_statements_per_msg'] ?? '?')}`,
    ],
    ['PG rollbacks per message', summary['pg_rollbacks_per_msg']],
    [
      'PG rows fetched / inserted / updated per message',
      `${String(summary['pg_rows_fetched_per_msg'])} / ${String(summary['pg_rows_inserted_per_msg'])} / ${String(summary['pg_rows_updated_per_msg'])}`,
    ],
    ['Redis commands per message', summary['redis_commands_per_msg']],
    [
      'CPU ms per message: service / PostgreSQL / Redis',
      Object.values(summary['cpu_ms_per_msg'] as Record<string, number | null>)
        .map((ms) => String(ms ?? '?'))
        .join(' / '),
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) out(`${name.padEnd(width)}  ${String(value)}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
