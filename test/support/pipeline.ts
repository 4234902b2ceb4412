/**
 * Pipeline test support: a fresh BullMQ prefix per test file on real Redis
 * (keys deleted afterwards), workers started against the file's database,
 * a small electrical-supplies catalog, and polling helpers.
 */
import { TEST_REDIS_URL } from './test-services.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import type { DB } from '../../src/db/schema.js';
import { createJobQueue, type ClosableJobQueue } from '../../src/queues/create-job-queue.js';
import { ingestMessage } from '../../src/services/ingest-message.js';
import { ParserInputsCache } from '../../src/services/parser-inputs.js';
import {
  localSenders,
  type ChannelSenders,
  type OutboundMessage,
} from '../../src/channels/channel-sender.js';
import { startWorkers, type RunningWorkers, type StartWorkersDeps } from '../../workers/index.js';
import { createDealer, createPrice, createProduct, type CreateDealerInput } from './factories.js';

/** Redis for tests; a `/N` index keeps destructive tests off db 0. */
export function testRedisUrl(db = 0): string {
  const base = TEST_REDIS_URL;
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

/** A prefix unique to this test file (hash-tagged like production's). */
export function newQueuePrefix(): string {
  return `{odtest-${randomBytes(5).toString('hex')}}`;
}

/** Deletes every key under `prefix` on `redisUrl`. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface Pipeline {
  jobs: ClosableJobQueue;
  workers: RunningWorkers;
  parserInputs: ParserInputsCache;
  prefix: string;
  redisUrl: string;
  close(): Promise<void>;
}

export const silentLog = pino({ level: process.env['ORDERDESK_TEST_LOG'] ?? 'silent' });

export function startPipeline(
  db: Kysely<DB>,
  options: Partial<Omit<StartWorkersDeps, 'db' | 'jobs' | 'log'>> & { startWorkers?: boolean } = {},
): Pipeline {
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const prefix = options.prefix ?? newQueuePrefix();
  const jobs = createJobQueue({ redis: redisUrl, prefix });
  const parserInputs = options.parserInputs ?? new ParserInputsCache();
  const workers =
    options.startWorkers === false
      ? { jobs, sweep: () => Promise.resolve(), close: () => Promise.resolve() }
      : startWorkers({
          sweepIntervalMs: 0,
          ...options,
          db,
          redisUrl,
          prefix,
          jobs,
          parserInputs,
          log: silentLog,
        });
  return {
    jobs,
    workers,
    parserInputs,
    prefix,
    redisUrl,
    async close() {
      await workers.close();
      await jobs.close();
      await deleteQueueKeys(redisUrl, prefix);
    },
  };
}

/** Registers afterAll to close the pipelines a test file starts. */
export function closeAfterAll(): (p: Pipeline) => Pipeline {
  const started: Pipeline[] = [];
  afterAll(async () => {
    await Promise.all(started.map((p) => p.close()));
  });
  return (p) => {
    started.push(p);
    return p;
  };
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until no message is `received`/`parsed` and no outbox row is pending. */
export async function waitForQuiet(db: Kysely<DB>, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      const busy = await db
        .selectFrom('inbound_messages')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .where('status', 'in', ['received', 'parsed'])
        .executeTakeFirstOrThrow();
      const pending = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return busy.n === 0n && pending.n === 0n;
    },
    { timeoutMs, what: 'the pipeline to settle' },
  );
}

/**
 * A small electrical-supplies catalog (our own fixture): MCBs, wire, LED
 * bulbs, switches, tape. Prices on the `ELEC-RETAIL` list undercut list
 * price for some SKUs; others fall back to the list price.
 */
export const ELECTRICAL = [
  {
    sku: 'ELX-MCB-16',
    name: 'Voltra MCB 16A Single Pole',
    unit: 'box',
    packSize: 12,
    pieceUnit: 'pcs',
    list: 1440_00n,
    retail: 1380_00n,
  },
  {
    sku: 'ELX-MCB-32',
    name: 'Voltra MCB 32A Single Pole',
    unit: 'box',
    packSize: 12,
    pieceUnit: 'pcs',
    list: 1620_00n,
    retail: null,
  },
  {
    sku: 'ELX-WIR-15',
    name: 'Copperline FR Wire 1.5 sqmm 90m',
    unit: 'coil',
    packSize: 1,
    pieceUnit: null,
    list: 1850_00n,
    retail: 1799_50n,
  },
  {
    sku: 'ELX-WIR-25',
    name: 'Copperline FR Wire 2.5 sqmm 90m',
    unit: 'coil',
    packSize: 1,
    pieceUnit: null,
    list: 2890_00n,
    retail: 2750_00n,
  },
  {
    sku: 'ELX-LED-09',
    name: 'Lumex LED Bulb 9W',
    unit: 'box',
    packSize: 10,
    pieceUnit: 'pcs',
    list: 650_00n,
    retail: null,
  },
  {
    sku: 'ELX-LED-12',
    name: 'Lumex LED Bulb 12W',
    unit: 'box',
    packSize: 10,
    pieceUnit: 'pcs',
    list: 820_00n,
    retail: null,
  },
  {
    sku: 'ELX-SWT-06',
    name: 'Modix Switch 6A',
    unit: 'box',
    packSize: 20,
    pieceUnit: 'pcs',
    list: 560_00n,
    retail: 540_00n,
  },
] as const;

export const ELEC_PRICE_LIST = 'ELEC-RETAIL';

export async function seedElectricalCatalog(db: Kysely<DB>): Promise<void> {
  for (const p of ELECTRICAL) {
    await createProduct(db, {
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      packSize: p.packSize,
      pieceUnit: p.pieceUnit,
      listPriceMinor: p.list,
    });
    if (p.retail !== null) {
      await createPrice(db, { priceList: ELEC_PRICE_LIST, sku: p.sku, priceMinor: p.retail });
    }
  }
}

/** A dealer on the electrical price list. */
export async function createElectricalDealer(db: Kysely<DB>, input: CreateDealerInput = {}) {
  return createDealer(db, { priceList: ELEC_PRICE_LIST, ...input });
}

/** The outbox bodies to one recipient, oldest first. */
export async function repliesTo(db: Kysely<DB>, recipient: string): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('body')
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.body);
}

/**
 * A web-chat message from a dealer through the running pipeline: waits until the message is
 * final and the outbox quiet, then returns the order it made.
 */
export async function placeWebchatOrder(
  db: Kysely<DB>,
  pipeline: Pick<Pipeline, 'jobs'>,
  dealer: string,
  text: string,
) {
  const { messageId } = await ingestMessage(
    { db, jobs: pipeline.jobs },
    { channel: 'webchat', externalId: randomUUID(), sender: dealer, dealerCode: dealer, text },
  );
  await waitFor(async () => {
    const m = await db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    return ['done', 'needs_review', 'failed'].includes(m.status);
  });
  await waitForQuiet(db);
  return db
    .selectFrom('orders')
    .selectAll()
    .where('inbound_message_id', '=', messageId)
    .executeTakeFirstOrThrow();
}

/**
 * Senders for a pipeline under test: web chat and transcript marked sent, and a WhatsApp stand-in
 * that records what it was given in `sent` (and answers with a wamid as the Cloud API does).
 */
export function recordingSenders(sent: OutboundMessage[]): ChannelSenders {
  return {
    ...localSenders(),
    whatsapp: {
      send: (m) => {
        sent.push(m);
        return Promise.resolve({ externalId: `wamid.${m.id}` });
      },
    },
  };
}
