/**
 * The second part of `npm run chaos`: the all-in-one role (`npm start`, API and workers in one
 * process) under kill -9. There a message the webhook has just stored is parsed in the same
 * process without a BullMQ job (workers/inline-jobs.ts), so a kill in the middle of a burst
 * leaves committed messages that no queue knows about: only the sweeper can find them.
 *
 * Bursts of signed webhook deliveries (each message twice at once, both answered before the
 * process dies, so no redelivery rescues it) go to one supervised all-in-one service; during
 * some bursts, as soon as PostgreSQL shows stored messages of the burst not yet parsed, the
 * service child is killed with SIGKILL and its supervisor restarts it. Then the same counts as
 * the first part (chaos-checks.ts), plus: the kills did land while messages waited to be parsed
 * in-process (parse jobs added stay below the messages stored).
 */
import { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import { createDatabase } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { DEFAULT_QUEUE_PREFIX, JOBS } from '../../src/queues/job-catalog.js';
import type { ScratchPostgres } from '../support/scratch-postgres.js';
import { freePort, startOwnRedis, type OwnRedis } from '../support/own-redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { runChecks, unsettled, type Check } from './chaos-checks.js';
import {
  deliverUntilAccepted,
  startFlakyGraph,
  webhookBody,
  type FlakyGraph,
  type InboundText,
} from './chaos-load.js';
import { SupervisedService } from './chaos-stack.js';

export interface AllInOnePlan {
  /** Bursts of messages, one every `burstGapMs`. */
  bursts: number;
  burstSize: number;
  burstGapMs: number;
  /** Bursts during which the service is killed (spread evenly). */
  kills: number;
  graphFailShare: number;
  erpFailShare: number;
  settleMs: number;
}

export const ALL_IN_ONE_PLANS: Record<'full' | 'short', AllInOnePlan> = {
  full: {
    bursts: 48,
    burstSize: 15,
    burstGapMs: 1_500,
    kills: 8,
    graphFailShare: 0.3,
    erpFailShare: 0.3,
    settleMs: 4 * 60_000,
  },
  short: {
    bursts: 16,
    burstSize: 15,
    burstGapMs: 1_500,
    kills: 3,
    graphFailShare: 0.3,
    erpFailShare: 0.3,
    settleMs: 3 * 60_000,
  },
};

export interface AllInOneInput {
  plan: AllInOnePlan;
  postgres: ScratchPostgres;
  runId: string;
  /** What dealers send (run-chaos.ts messagePool). */
  pool: readonly { from: string; text: string }[];
  appSecret: string;
  exportSecret: string;
  phoneNumberId: string;
  log: (line: string) => void;
}

export interface AllInOneResult {
  checks: Check[];
  faults: Record<string, number>;
  restarts: number;
  graphRefused: number;
  erpRefused: number;
  summary: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const num = (v: unknown) => Number(v ?? 0);

/** Stored messages of this run still `received` (committed, not yet parsed). */
async function waitingToParse(db: Kysely<DB>, like: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM inbound_messages
     WHERE external_id LIKE ${like} AND status = 'received'`.execute(db);
  return num(rows[0]?.n);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function runAllInOne(input: AllInOneInput): Promise<AllInOneResult> {
  const { plan, postgres, log } = input;
  const wamidPrefix = `wamid.chaos-${input.runId}-all-`;
  const like = `${wamidPrefix}%`;
  let redis: OwnRedis | null = null;
  let graph: FlakyGraph | null = null;
  let erp: WebhookReceiver | null = null;
  let service: SupervisedService | null = null;
  const faults: Record<string, number> = {};
  const count = (name: string) => (faults[name] = (faults[name] ?? 0) + 1);

  try {
    await postgres.createDatabase('orderdesk_all');
    redis = await startOwnRedis();
    graph = await startFlakyGraph(plan.graphFailShare, 0xa11);
    erp = await startWebhookReceiver(input.exportSecret, {
      failShare: plan.erpFailShare,
      seed: 0xa12,
    });
    const port = await freePort();
    service = new SupervisedService('all-in-one', ['--demo'], {
      DATABASE_URL: postgres.url('orderdesk_all'),
      REDIS_URL: redis.url,
      PORT: String(port),
      ORDERDESK_API_TOKEN: `chaos-all-${input.runId}`,
      // info: the sweeper's "swept unfinished work" lines are counted below
      LOG_LEVEL: 'info',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'chaos-verify',
      WHATSAPP_CLOUD_APP_SECRET: input.appSecret,
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'chaos-access',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: input.phoneNumberId,
      WHATSAPP_CLOUD_GRAPH_URL: graph.url,
      WHATSAPP_SEND_GAP_MS: '0',
      ORDERDESK_EXPORT_WEBHOOK_URL: erp.url,
      ORDERDESK_EXPORT_RETRY_BASE_MS: '500',
      ORDERDESK_EXPORT_WEBHOOK_SECRET: input.exportSecret,
      IMAP_HOST: '',
      SMTP_URL: '',
      OPENAI_BASE_URL: '',
      WHATSAPP_WEB_ENABLED: 'false',
    });
    await service.ready(/listening on/);
    const db = createDatabase({ url: postgres.url('orderdesk_all'), max: 2 });
    try {
      // The demo's CSV export target would write into the checkout: only the ERP webhook here.
      await db
        .updateTable('export_targets')
        .set({ active: false })
        .where('kind', '<>', 'webhook')
        .execute();
      log(
        `all-in-one up on :${port}; ${plan.bursts} bursts of ${plan.burstSize} messages (× 2 deliveries at once), ${plan.kills} kill -9 mid-burst`,
      );

      // --- bursts, some cut by a kill ----------------------------------------------------------
      const url = `http://127.0.0.1:${port}/webhooks/whatsapp`;
      const health = `http://127.0.0.1:${port}/health`;
      let accepted = 0;
      let neverAccepted = 0;
      const killTimes: number[] = [];
      let waitingAtKills = 0;
      // Parse jobs ever added (BullMQ counts every add in `<prefix>:parse:id`), read just before
      // the first kill, with the messages stored by then: fewer jobs than messages, so the rest
      // were parsed in-process. (Later a sweep adds a job for a row whose job still waits, so
      // the total is no measure.)
      const queueRedis = new Redis(redis.url);
      const parseJobsAdded = async () =>
        num(await queueRedis.get(`${DEFAULT_QUEUE_PREFIX}:${JOBS.parse.queue}:id`));
      let beforeFirstKill: { stored: number; parseJobs: number } | null = null;
      const deliver = async (message: InboundText) => {
        const body = webhookBody(message, input.phoneNumberId);
        // Two at once (Meta's duplicate); both answered 200, so none comes again after a kill.
        const results = await Promise.all(
          [0, 1].map(() => deliverUntilAccepted(url, body, input.appSecret, plan.settleMs)),
        );
        if (results.some(Boolean)) accepted += 1;
        else neverAccepted += 1;
      };
      const killBursts = new Set(
        Array.from({ length: plan.kills }, (_, k) =>
          Math.floor(((k + 1) * plan.bursts) / (plan.kills + 1)),
        ),
      );
      const inFlight: Promise<void>[] = [];
      let n = 0;
      for (let b = 0; b < plan.bursts; b += 1) {
        const kill = killBursts.has(b);
        if (kill) {
          // the service back and answering, so the burst reaches its in-process parse
          await service.waitForChild();
          const deadline = Date.now() + 60_000;
          while (!(await healthy(health))) {
            if (Date.now() > deadline) throw new Error('chaos: all-in-one not healthy again');
            await sleep(100);
          }
        }
        for (let i = 0; i < plan.burstSize; i += 1, n += 1) {
          const sample = input.pool[n % input.pool.length]!;
          inFlight.push(deliver({ wamid: `${wamidPrefix}${n}`, ...sample }));
        }
        if (kill) {
          // Kill as soon as messages of this run are stored but not yet parsed (a few at least,
          // or whatever is waiting after 2 s).
          const deadline = Date.now() + 2_000;
          let waiting = 0;
          while ((waiting = await waitingToParse(db, like)) < 3 && Date.now() < deadline) {
            await sleep(2);
          }
          if (beforeFirstKill === null) {
            const parseJobs = await parseJobsAdded();
            const { rows } = await sql<{ n: string }>`
              SELECT count(*) AS n FROM inbound_messages WHERE external_id LIKE ${like}`.execute(
              db,
            );
            beforeFirstKill = { stored: num(rows[0]?.n), parseJobs };
          }
          if (service.killChild()) {
            killTimes.push(Date.now());
            waitingAtKills += waiting;
            count('all-in-one kill -9 mid-burst');
            log(`fault: all-in-one kill -9 with ${waiting} stored messages not yet parsed`);
          }
        }
        await sleep(plan.burstGapMs);
      }
      await Promise.all(inFlight);
      count('2× delivery of each message, at once');
      const loadDone = Date.now();
      log(`all-in-one load done (${accepted} accepted); waiting for it to settle`);

      // --- settle ------------------------------------------------------------------------------
      const deadline = Date.now() + plan.settleMs;
      let open = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        open = await unsettled(db, wamidPrefix).catch(() => Number.POSITIVE_INFINITY);
        if (open === 0) break;
        await sleep(1_000);
      }
      log(`all-in-one settled in ${Math.round((Date.now() - loadDone) / 1000)} s`);

      const parseJobsInAll = await parseJobsAdded();
      await queueRedis.quit();
      const logLines = service.stdout().split('\n');
      const inlineFailed = logLines.filter((line) =>
        line.includes('in-process job failed; queued'),
      ).length;
      const sweptParses = logLines
        .filter((line) => line.includes('swept unfinished work'))
        .reduce((sum, line) => {
          try {
            return sum + num((JSON.parse(line) as { parse?: number }).parse);
          } catch {
            return sum;
          }
        }, 0);

      const checks: Check[] = [
        { name: 'settled in time', value: open === 0 ? 'yes' : `${open} open`, ok: open === 0 },
        {
          name: 'stored, not yet parsed, at the kills',
          value: String(waitingAtKills),
          ok: killTimes.length === 0 || waitingAtKills > 0,
        },
        {
          name: 'parse jobs / messages before the 1st kill',
          value:
            beforeFirstKill === null
              ? 'no kill'
              : `${beforeFirstKill.parseJobs} / ${beforeFirstKill.stored}`,
          // fewer jobs than messages: the rest were parsed in-process, as the kills found them
          ok: beforeFirstKill === null || beforeFirstKill.parseJobs < beforeFirstKill.stored,
        },
        { name: 'parse jobs added in all (reported)', value: String(parseJobsInAll), ok: true },
        { name: 'parses the sweeper queued (reported)', value: String(sweptParses), ok: true },
        {
          name: 'in-process runs failed, queued (reported)',
          value: String(inlineFailed),
          ok: true,
        },
        ...(await runChecks({
          db,
          wamidPrefix,
          accepted,
          neverAccepted,
          graph,
          // the all-in-one process sends the replies: a kill mid-send is the documented window
          workerKillTimes: killTimes,
          erp,
          processes: [
            {
              name: 'all-in-one',
              alive: service.alive(),
              hasChild: service.childPid() !== undefined,
            },
          ],
        })),
      ];
      return {
        checks,
        faults,
        restarts: service.restarts(),
        graphRefused: graph.refused,
        erpRefused: erp.refused,
        summary: {
          ok: checks.every((c) => c.ok),
          messages: accepted,
          faults,
          restarts: service.restarts(),
          waiting_at_kills: waitingAtKills,
          parse_jobs_before_first_kill: beforeFirstKill?.parseJobs ?? null,
          messages_before_first_kill: beforeFirstKill?.stored ?? null,
          parse_jobs_added: parseJobsInAll,
          swept_parses: sweptParses,
          inline_failed: inlineFailed,
          provider_refusals: graph.refused,
          export_deliveries: erp.processed.size,
          export_repeats: erp.repeats,
          export_refusals: erp.refused,
          checks: Object.fromEntries(checks.map((c) => [c.name, { value: c.value, ok: c.ok }])),
        },
      };
    } finally {
      await db.destroy();
    }
  } catch (error) {
    if (service !== null && service.stderr().trim() !== '')
      log(`all-in-one stderr:\n${service.stderr().slice(-4_000)}`);
    throw error;
  } finally {
    await service?.stop().catch(() => undefined);
    await graph?.close();
    await erp?.close();
    await redis?.stop();
  }
}
