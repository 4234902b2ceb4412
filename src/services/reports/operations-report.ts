/**
 * Whether the service is working: messages per channel per day, the share of
 * orders nobody had to look at, how old the review queue is, how fast
 * dealers get an answer, and whose orders people correct most. Read from the
 * messages, orders, outbox and audit trail of the range (all indexed by time).
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { startOfIndiaDay } from '../../domain/india-date.js';
import { addDays, type IsoDate } from '../../domain/report-periods.js';

export interface OperationsReport {
  from: IsoDate;
  to: IsoDate;
  messagesByDay: { day: IsoDate; channel: string; messages: number }[];
  messagesByChannel: { channel: string; messages: number }[];
  orders: { total: number; straightThrough: number; straightThroughPct: number | null };
  reviewQueue: { waiting: number; medianMinutes: number | null; oldestMinutes: number | null };
  replyLatency: { replies: number; p50Seconds: number | null; p95Seconds: number | null };
  corrections: { dealer: string; name: string; reviewed: number; corrected: number }[];
}

function num(v: string | number | null | undefined): number | null {
  return v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
}

export async function operationsReport(
  db: Database,
  range: { from: IsoDate; to: IsoDate },
  now: Date,
): Promise<OperationsReport> {
  const start = startOfIndiaDay(range.from);
  const end = startOfIndiaDay(addDays(range.to, 1));
  const [byDay, orders, queue, latency, corrections] = await Promise.all([
    sql<{ day: IsoDate; channel: string; messages: number }>`
      SELECT (timezone('Asia/Kolkata', received_at))::date AS day, channel, count(*)::int AS messages
        FROM inbound_messages WHERE received_at >= ${start} AND received_at < ${end}
       GROUP BY 1, 2 ORDER BY 1, 2`.execute(db),
    // Straight through: a draft that carried no review reason (nobody had to look at it).
    sql<{ total: number; straight: number }>`
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE jsonb_array_length(review_reasons) = 0))::int AS straight
        FROM orders
       WHERE created_at >= ${start} AND created_at < ${end} AND inbound_message_id IS NOT NULL`.execute(
      db,
    ),
    sql<{ waiting: number; median: string | null; oldest: string | null }>`
      SELECT count(*)::int AS waiting,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${now}::timestamptz - created_at) / 60) AS median,
             max(extract(epoch FROM ${now}::timestamptz - created_at) / 60) AS oldest
        FROM orders WHERE status = 'needs_review'`.execute(db),
    // First reply sent for each message of the range.
    sql<{ replies: number; p50: string | null; p95: string | null }>`
      SELECT count(*)::int AS replies,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds) AS p95
        FROM (
          SELECT extract(epoch FROM min(o.sent_at) - m.received_at) AS seconds
            FROM inbound_messages m
            JOIN outbox o ON o.inbound_message_id = m.id AND o.sent_at IS NOT NULL
           WHERE m.received_at >= ${start} AND m.received_at < ${end}
           GROUP BY m.id, m.received_at
        ) r`.execute(db),
    sql<{ dealer: string; name: string; reviewed: number; corrected: number }>`
      SELECT o.dealer_code AS dealer, d.name, count(*)::int AS reviewed,
             (count(*) FILTER (WHERE a.data -> 'before' IS DISTINCT FROM a.data -> 'after'))::int AS corrected
        FROM audit_events a
        JOIN orders o ON o.id::text = a.entity_id
        JOIN dealers d ON d.code = o.dealer_code
       WHERE a.entity_type = 'order' AND a.action = 'reviewed' AND a.at >= ${start} AND a.at < ${end}
       GROUP BY 1, 2
       ORDER BY corrected DESC, reviewed DESC, dealer
       LIMIT 25`.execute(db),
  ]);
  const channels = new Map<string, number>();
  for (const r of byDay.rows) channels.set(r.channel, (channels.get(r.channel) ?? 0) + r.messages);
  const o = orders.rows[0] ?? { total: 0, straight: 0 };
  const q = queue.rows[0];
  const l = latency.rows[0];
  return {
    ...range,
    messagesByDay: byDay.rows,
    messagesByChannel: [...channels].map(([channel, messages]) => ({ channel, messages })),
    orders: {
      total: o.total,
      straightThrough: o.straight,
      straightThroughPct: o.total === 0 ? null : Math.round((o.straight / o.total) * 1000) / 10,
    },
    reviewQueue: {
      waiting: q?.waiting ?? 0,
      medianMinutes: num(q?.median),
      oldestMinutes: num(q?.oldest),
    },
    replyLatency: { replies: l?.replies ?? 0, p50Seconds: num(l?.p50), p95Seconds: num(l?.p95) },
    corrections: corrections.rows,
  };
}
