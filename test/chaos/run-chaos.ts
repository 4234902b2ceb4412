/**
 * `npm run chaos [-- --short]`: the fault script (docs/operations.md "Chaos").
 *
 * Starts its own PostgreSQL cluster and Redis server, the service as
 * `npm start` runs it (one API, two workers, each under its supervisor),
 * and a Graph API that refuses 30% of sends; delivers signed WhatsApp
 * messages to the webhook, each five times, while it kills workers with
 * SIGKILL, restarts PostgreSQL, flushes and restarts Redis and kills the
 * API. Then it waits for the service to settle and counts in PostgreSQL.
 * Then the all-in-one role under kill -9 mid-burst, where messages are
 * parsed in-process without a job (chaos-all-in-one.ts), counted the same.
 * Prints a table per part and, last, one JSON line; exits 1 when anything
 * was lost or doubled, or a process is gone. Touches nothing it did not start.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../src/db/database.js';
import { startScratchPostgres, type ScratchPostgres } from '../support/scratch-postgres.js';
import { runChecks, unsettled, type Check } from './chaos-checks.js';
import {
  deliverUntilAccepted,
  startFlakyGraph,
  webhookBody,
  type FlakyGraph,
  type InboundText,
} from './chaos-load.js';
import { freePort, startOwnRedis, type OwnRedis } from '../support/own-redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { SupervisedService } from './chaos-stack.js';
import { ALL_IN_ONE_PLANS, runAllInOne } from './chaos-all-in-one.js';

interface Plan {
  messages: number;
  perSecond: number;
  deliveries: number;
  workerKills: number;
  postgresRestarts: number;
  redisFlushes: number;
  redisRestarts: number;
  redisDownMs: number;
  apiKills: number;
  graphFailShare: number;
  erpFailShare: number;
  settleMs: number;
}

const PLANS: Record<'full' | 'short', Plan> = {
  full: {
    messages: 1_200,
    perSecond: 12,
    deliveries: 5,
    workerKills: 10,
    postgresRestarts: 6,
    redisFlushes: 1,
    redisRestarts: 1,
    redisDownMs: 15_000,
    apiKills: 2,
    graphFailShare: 0.3,
    erpFailShare: 0.3,
    settleMs: 8 * 60_000,
  },
  short: {
    messages: 300,
    perSecond: 12,
    deliveries: 5,
    workerKills: 3,
    postgresRestarts: 2,
    redisFlushes: 1,
    redisRestarts: 1,
    redisDownMs: 5_000,
    apiKills: 1,
    graphFailShare: 0.3,
    erpFailShare: 0.3,
    settleMs: 5 * 60_000,
  },
};

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP_SECRET = 'chaos-app-secret';
const EXPORT_SECRET = 'chaos-export-secret';
const PHONE_NUMBER_ID = 'chaos-number';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`chaos: ${line}\n`);

/** What dealers send: the sample WhatsApp messages of examples/ and small repeat orders. */
function messagePool(): { from: string; text: string }[] {
  const samples = readFileSync(path.join(ROOT, 'examples/messages.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { channel: string; from: string; text: string })
    .filter((m) => m.channel === 'whatsapp')
    .map((m) => ({ from: m.from.replace(/^\+/, ''), text: m.text }));
  const repeats = [101, 103, 104, 105, 106, 107, 108].flatMap((d) =>
    [1, 2, 3].map((n) => ({ from: `919000000${d}`, text: `${n} bucket interior white 20L` })),
  );
  return [...samples, ...repeats];
}

interface Fault {
  name: string;
  run: () => Promise<void>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { short: { type: 'boolean', default: false } } });
  const mode = values.short ? 'short' : 'full';
  const plan = PLANS[mode];
  const started = Date.now();
  const runId = randomBytes(4).toString('hex');
  const wamidPrefix = `wamid.chaos-${runId}-`;
  let postgres: ScratchPostgres | null = null;
  let redis: OwnRedis | null = null;
  let graph: FlakyGraph | null = null;
  let erp: WebhookReceiver | null = null;
  const services: SupervisedService[] = [];
  const faultCounts: Record<string, number> = {};
  let split: { ok: boolean; summary: Record<string, unknown> };

  try {
    log(`${mode} run ${runId}: starting PostgreSQL, Redis, the Graph API stand-in`);
    postgres = await startScratchPostgres();
    await postgres.createDatabase('orderdesk');
    redis = await startOwnRedis();
    graph = await startFlakyGraph(plan.graphFailShare, 0xc4a05);
    erp = await startWebhookReceiver(EXPORT_SECRET, { failShare: plan.erpFailShare, seed: 0xe49 });
    const port = await freePort();
    const env = {
      DATABASE_URL: postgres.url('orderdesk'),
      REDIS_URL: redis.url,
      PORT: String(port),
      ORDERDESK_API_TOKEN: `chaos-${runId}`,
      LOG_LEVEL: 'fatal',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'chaos-verify',
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET,
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'chaos-access',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      WHATSAPP_SEND_GAP_MS: '0',
      ORDERDESK_EXPORT_WEBHOOK_URL: erp.url,
      // Retries from 500 ms: the settle wait is not spent on a delivery's long backoff.
      ORDERDESK_EXPORT_RETRY_BASE_MS: '500',
      ORDERDESK_EXPORT_WEBHOOK_SECRET: EXPORT_SECRET,
      IMAP_HOST: '',
      SMTP_URL: '',
      OPENAI_BASE_URL: '',
      WHATSAPP_WEB_ENABLED: 'false',
    };
    const api = new SupervisedService('api', ['--role', 'api', '--demo'], env);
    services.push(api);
    await api.ready(/listening on/);
    {
      // The demo's CSV export target would write into the checkout: only the ERP webhook here.
      const db = createDatabase({ url: postgres.url('orderdesk'), max: 1 });
      await db
        .updateTable('export_targets')
        .set({ active: false })
        .where('kind', '<>', 'webhook')
        .execute();
      await db.destroy();
    }
    for (const n of [1, 2]) {
      const worker = new SupervisedService(`worker ${n}`, ['--role', 'worker'], env);
      services.push(worker);
      await worker.ready(/role: worker/);
    }
    const workers = services.slice(1);
    log(
      `service up on :${port}; ${plan.messages} messages × ${plan.deliveries} deliveries at ${plan.perSecond}/s`,
    );

    // --- load ----------------------------------------------------------------------------------
    const pool = messagePool();
    const url = `http://127.0.0.1:${port}/webhooks/whatsapp`;
    let accepted = 0;
    let neverAccepted = 0;
    const deliverMessage = async (message: InboundText) => {
      const body = webhookBody(message, PHONE_NUMBER_ID);
      // Two deliveries at once, the rest spread over the next seconds (Meta's redelivery).
      const tries = Array.from({ length: plan.deliveries }, async (_, k) => {
        if (k >= 2) await sleep(k * 1_500);
        return deliverUntilAccepted(url, body, APP_SECRET, plan.settleMs);
      });
      const results = await Promise.all(tries);
      if (results.some(Boolean)) accepted += 1;
      else neverAccepted += 1;
    };
    const loadDurationMs = (plan.messages / plan.perSecond) * 1_000;
    const load = (async () => {
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < plan.messages; i += 1) {
        const sample = pool[i % pool.length]!;
        inFlight.push(deliverMessage({ wamid: `${wamidPrefix}${i}`, ...sample }));
        await sleep(1_000 / plan.perSecond);
      }
      await Promise.all(inFlight);
    })();

    // --- faults, spread over the load ------------------------------------------------------------
    const faults: Fault[] = [];
    const workerKillTimes: number[] = [];
    const count = (name: string) => (faultCounts[name] = (faultCounts[name] ?? 0) + 1);
    for (let i = 0; i < plan.workerKills; i += 1) {
      faults.push({
        name: 'worker kill -9',
        run: async () => {
          const worker = workers[i % workers.length]!;
          await worker.waitForChild();
          if (worker.killChild()) {
            count('worker kill -9');
            workerKillTimes.push(Date.now());
          }
        },
      });
    }
    for (let i = 0; i < plan.postgresRestarts; i += 1) {
      faults.push({
        name: 'PostgreSQL restart',
        run: async () => {
          await postgres!.restart();
          count('PostgreSQL restart');
        },
      });
    }
    for (let i = 0; i < plan.redisFlushes; i += 1) {
      faults.push({
        name: 'Redis FLUSHALL',
        run: async () => {
          await redis!.flushAll();
          count('Redis FLUSHALL');
        },
      });
    }
    for (let i = 0; i < plan.redisRestarts; i += 1) {
      faults.push({
        name: 'Redis restart',
        run: async () => {
          await redis!.restart(plan.redisDownMs);
          count('Redis restart');
        },
      });
    }
    for (let i = 0; i < plan.apiKills; i += 1) {
      faults.push({
        name: 'API kill -9',
        run: async () => {
          await api.waitForChild();
          if (api.killChild()) count('API kill -9');
        },
      });
    }
    // Interleave the kinds (kills between restarts), evenly over the load's duration.
    const ordered = faults
      .map((f, i) => ({ f, key: (i * 7919) % faults.length }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.f);
    const gap = loadDurationMs / (ordered.length + 1);
    for (const fault of ordered) {
      await sleep(gap);
      log(`fault: ${fault.name}`);
      await fault.run();
    }
    await load;
    count(`${plan.deliveries}× delivery of each message`);
    log(`load done (${accepted} accepted); waiting for the service to settle`);

    // --- settle ---------------------------------------------------------------------------------
    const db = createDatabase({ url: postgres.url('orderdesk'), max: 2 });
    try {
      const deadline = Date.now() + plan.settleMs;
      let open = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        open = await unsettled(db, wamidPrefix).catch(() => Number.POSITIVE_INFINITY);
        if (open === 0) break;
        await sleep(1_000);
      }
      const checks: Check[] = [
        { name: 'settled in time', value: open === 0 ? 'yes' : `${open} open`, ok: open === 0 },
        ...(await runChecks({
          db,
          wamidPrefix,
          accepted,
          neverAccepted,
          graph,
          workerKillTimes,
          erp,
          processes: services.map((s) => ({
            name: s.name,
            alive: s.alive(),
            hasChild: s.childPid() !== undefined,
          })),
        })),
      ];
      const restarts = Object.fromEntries(services.map((s) => [s.name, s.restarts()]));
      printTable(checks, faultCounts, restarts, graph.refused, erp.refused);
      const ok = checks.every((c) => c.ok);
      const summary = {
        ok,
        messages: accepted,
        faults: faultCounts,
        restarts,
        provider_refusals: graph.refused,
        export_deliveries: erp.processed.size,
        export_repeats: erp.repeats,
        export_refusals: erp.refused,
        checks: Object.fromEntries(checks.map((c) => [c.name, { value: c.value, ok: c.ok }])),
      };
      if (!ok)
        for (const s of services)
          if (s.stderr().trim() !== '') log(`${s.name} stderr:\n${s.stderr().slice(-4_000)}`);
      split = { ok, summary };
    } finally {
      await db.destroy();
    }
    // The split stack stops before the all-in-one part starts: it has the machine to itself.
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));

    // --- the all-in-one role: in-process parses cut by kill -9 ------------------------------------
    log('all-in-one: starting its own database, Redis and stand-ins');
    const all = await runAllInOne({
      plan: ALL_IN_ONE_PLANS[mode],
      postgres,
      runId,
      pool,
      appSecret: APP_SECRET,
      exportSecret: EXPORT_SECRET,
      phoneNumberId: PHONE_NUMBER_ID,
      log,
    });
    process.stdout.write('\nall-in-one (API and workers in one process)\n');
    printTable(
      all.checks,
      all.faults,
      { 'all-in-one': all.restarts },
      all.graphRefused,
      all.erpRefused,
    );
    const ok = split.ok && all.checks.every((c) => c.ok);
    process.stdout.write(
      `${JSON.stringify({
        ...split.summary,
        ok,
        mode,
        duration_s: Math.round((Date.now() - started) / 1000),
        ok_split: split.ok,
        all_in_one: all.summary,
      })}\n`,
    );
    return ok ? 0 : 1;
  } finally {
    await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
    await graph?.close();
    await erp?.close();
    await redis?.stop();
    await postgres?.stop();
  }
}

function printTable(
  checks: Check[],
  faults: Record<string, number>,
  restarts: Record<string, number>,
  refusals: number,
  erpRefusals: number,
): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const width = Math.max(...checks.map((c) => c.name.length), 40);
  out('fault'.padEnd(width) + '  times');
  for (const [name, n] of Object.entries(faults)) out(`${name.padEnd(width)}  ${n}`);
  out(`${'Graph API sends refused (30%)'.padEnd(width)}  ${refusals}`);
  out(`${'ERP export webhook calls refused (30%)'.padEnd(width)}  ${erpRefusals}`);
  for (const [name, n] of Object.entries(restarts))
    out(`${`${name} restarted by its supervisor`.padEnd(width)}  ${n}`);
  out('');
  out('check'.padEnd(width) + '  value          ok');
  for (const c of checks)
    out(`${c.name.padEnd(width)}  ${c.value.padEnd(14)} ${c.ok ? 'ok' : 'FAIL'}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
    process.exit(1);
  },
);
