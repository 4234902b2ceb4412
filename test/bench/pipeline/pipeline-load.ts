/**
 * How `npm run bench` feeds the service and reads the outcome: messages in
 * through the public intake (signed WhatsApp Cloud webhook deliveries and
 * POST /api/transcripts), either N at a time or at a fixed offered rate;
 * then PostgreSQL says when every message is final and every reply sent, and
 * how long each message took to its first reply (outbox.sent_at −
 * inbound_messages.created_at).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/verify-signature.js';
import { webhookBody } from '../../chaos/chaos-load.js';
import type { BenchMessage } from './bench-data.js';

export interface Intake {
  baseUrl: string;
  apiToken: string;
  appSecret: string;
  /**
   * The distributor's WhatsApp business numbers: each dealer writes to one of them (by dealer
   * code), as a distributor hands out a number per branch or region.
   */
  phoneNumberIds: readonly string[];
  /** Unique per run and phase: wamids must not repeat (the webhook dedupes by them). */
  wamidPrefix: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One message through the public intake; retried on a refusal so no message is lost. */
export async function deliver(intake: Intake, message: BenchMessage, n: number): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    let status: number;
    try {
      const res =
        message.channel === 'whatsapp'
          ? await postWebhook(intake, message, n)
          : await fetch(`${intake.baseUrl}/api/transcripts`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${intake.apiToken}`,
              },
              body: JSON.stringify({ dealer: message.dealer, text: message.text }),
            });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    if (status === 200 || status === 202) return;
    if (attempt >= 20) throw new Error(`bench: intake refused message ${n} (HTTP ${status})`);
    await sleep(100 * (attempt + 1));
  }
}

/** The business number a dealer writes to: the same one for every message of that dealer. */
export function numberOf(intake: Intake, dealer: string): string {
  const digits = Number(dealer.replace(/\D/g, '')) || 0;
  return intake.phoneNumberIds[digits % intake.phoneNumberIds.length]!;
}

function postWebhook(intake: Intake, message: BenchMessage, n: number): Promise<Response> {
  const body = webhookBody(
    { wamid: `${intake.wamidPrefix}${n}`, from: message.from, text: message.text },
    numberOf(intake, message.dealer),
  );
  return fetch(`${intake.baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(intake.appSecret, body),
    },
    body,
  });
}

/** Every message delivered, `inFlight` at a time. */
export async function deliverClosedLoop(
  intake: Intake,
  messages: readonly BenchMessage[],
  inFlight: number,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const n = next;
      next += 1;
      await deliver(intake, messages[n]!, n);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/**
 * Messages offered at `perSecond` whatever the service answers (an open loop:
 * a slow service gets a queue, not fewer messages). Resolves when all were
 * accepted; `maxOpen` is the most requests that waited at once.
 */
export async function deliverAtRate(
  intake: Intake,
  messages: readonly BenchMessage[],
  perSecond: number,
): Promise<{ maxOpen: number; offerMs: number }> {
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  let open = 0;
  let maxOpen = 0;
  let sent = 0;
  while (sent < messages.length) {
    const due = Math.min(
      messages.length,
      Math.floor(((performance.now() - t0) * perSecond) / 1_000) + 1,
    );
    for (; sent < due; sent += 1) {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      pending.push(deliver(intake, messages[sent]!, sent).finally(() => (open -= 1)));
    }
    await sleep(2);
  }
  const offerMs = performance.now() - t0;
  await Promise.all(pending);
  return { maxOpen, offerMs };
}

export interface Settled {
  stored: number;
  done: number;
  review: number;
  failed: number;
  /** When the last message became final or the last reply was sent (ms since the epoch). */
  lastAt: number;
  /**
   * When the last message became final (ms since the epoch): its replies are written then, and
   * from there on only the channel's send pacing (WhatsApp Cloud: 80 a second per number) waits.
   */
  lastFinalAt: number;
}

/** Waits until `expected` messages stored since `since` are final and no reply is pending. */
export async function waitSettled(
  db: Kysely<DB>,
  since: Date,
  expected: number,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const { rows } = await sql<{
      stored: string;
      final: string;
      pending: string;
    }>`SELECT (SELECT count(*) FROM inbound_messages WHERE created_at >= ${since}) AS stored,
              (SELECT count(*) FROM inbound_messages WHERE created_at >= ${since}
                 AND status IN ('done', 'needs_review', 'failed')) AS final,
              (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending`.execute(db);
    const r = rows[0]!;
    const [stored, final, pending] = [Number(r.stored), Number(r.final), Number(r.pending)];
    if (stored >= expected && final === stored && pending === 0) break;
    if (Date.now() > deadline)
      throw new Error(
        `bench: not settled after ${timeoutMs} ms (${stored}/${expected} stored, ${final} final, ${pending} replies pending)`,
      );
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      progress(`  … ${final}/${expected} final, ${pending} replies pending`);
    }
    await sleep(200);
  }
  const { rows } = await sql<{
    stored: string;
    done: string;
    review: string;
    failed: string;
    last_at: Date;
    last_final_at: Date;
  }>`SELECT count(*) AS stored,
            count(*) FILTER (WHERE status = 'done') AS done,
            count(*) FILTER (WHERE status = 'needs_review') AS review,
            count(*) FILTER (WHERE status = 'failed') AS failed,
            greatest(max(updated_at),
                     (SELECT max(sent_at) FROM outbox WHERE created_at >= ${since})) AS last_at,
            max(updated_at) AS last_final_at
       FROM inbound_messages WHERE created_at >= ${since}`.execute(db);
  const r = rows[0]!;
  return {
    stored: Number(r.stored),
    done: Number(r.done),
    review: Number(r.review),
    failed: Number(r.failed),
    lastAt: new Date(r.last_at).getTime(),
    lastFinalAt: new Date(r.last_final_at).getTime(),
  };
}

export interface Latency {
  replied: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 of WhatsApp messages (replies paced per sending number) and of transcripts (not paced). */
  p99ByChannel: { whatsapp: number; transcript: number };
  /** p99 of the messages stored in each successive tenth of the phase: does latency grow? */
  p99ByTenth: number[];
}

/** Message → first reply sent, for messages stored since `since`. */
export async function replyLatency(db: Kysely<DB>, since: Date): Promise<Latency> {
  const { rows } = await sql<{ ms: number; channel: string; at: Date }>`
    SELECT extract(epoch FROM (first_sent - m.created_at)) * 1000 AS ms, m.channel,
           m.created_at AS at
      FROM inbound_messages m
      JOIN LATERAL (SELECT min(o.sent_at) AS first_sent FROM outbox o
                     WHERE o.inbound_message_id = m.id AND o.status = 'sent') r ON true
     WHERE m.created_at >= ${since} AND r.first_sent IS NOT NULL`.execute(db);
  const p = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  const ms = rows.map((r) => Number(r.ms));
  const byTime = [...rows].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  const tenth = Math.ceil(byTime.length / 10);
  return {
    replied: ms.length,
    p50: p(ms, 0.5),
    p99: p(ms, 0.99),
    max: Math.max(0, ...ms),
    p99ByChannel: {
      whatsapp: p(
        rows.filter((r) => r.channel === 'whatsapp').map((r) => Number(r.ms)),
        0.99,
      ),
      transcript: p(
        rows.filter((r) => r.channel === 'transcript').map((r) => Number(r.ms)),
        0.99,
      ),
    },
    p99ByTenth: Array.from({ length: tenth === 0 ? 0 : 10 }, (_, i) =>
      Math.round(
        p(
          byTime.slice(i * tenth, (i + 1) * tenth).map((r) => Number(r.ms)),
          0.99,
        ),
      ),
    ),
  };
}
