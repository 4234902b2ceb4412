/**
 * The weekly digest (docs/reports.md): on Monday from 08:00 India time,
 * each active console user who opted in (and whose role may see reports)
 * gets one email about the week that ended — value and orders against the
 * week before, the dealers growing and declining most, dealers past their
 * credit limit, and held orders — with links into the console.
 *
 * Once per user and week: a `report_digests` row is taken in the same
 * transaction that sends, so two workers never both send it, and a send
 * that fails leaves no row (it is tried again on the next tick).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpConfig } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { indiaDate } from '../../domain/india-date.js';
import { addDays, type IsoDate } from '../../domain/report-periods.js';
import { creditReport } from './credit-report.js';
import { dealerTrends, trendsQuerySchema } from './dealer-trends.js';
import { renderDigest, type DigestContent } from './digest-email.js';
import { refreshReportRollups } from './refresh-rollups.js';
import { volumeQuerySchema } from './report-scope.js';
import { volumeReport } from './volume-report.js';

/** Roles that may see reports (src/http/console/roles.ts `reports`). */
const DIGEST_ROLES = ['sales_manager', 'finance', 'manager', 'admin'] as const;

/**
 * The week whose digest is due at `now`: the Monday–Sunday that just ended,
 * from Monday 08:00 India time until Tuesday ends (a worker that was down on
 * Monday catches up); null at other times.
 */
export function digestWeek(now: Date): { weekStart: IsoDate; weekEnd: IsoDate } | null {
  const india = new Date(now.getTime() + 5.5 * 3_600_000);
  const sinceMonday = (india.getUTCDay() + 6) % 7;
  if (sinceMonday > 1 || (sinceMonday === 0 && india.getUTCHours() < 8)) return null;
  const weekStart = addDays(indiaDate(now), -sinceMonday - 7);
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

export async function buildDigest(
  db: Database,
  weekStart: IsoDate,
  now: Date,
): Promise<DigestContent> {
  const weekEnd = addDays(weekStart, 6);
  await refreshReportRollups(db);
  const [week, trends, credit] = await Promise.all([
    volumeReport(
      db,
      volumeQuerySchema.parse({ by: 'channel', from: weekStart, to: weekEnd, compare: 'previous' }),
      weekEnd,
    ),
    dealerTrends(db, trendsQuerySchema.parse({ limit: 5 }), indiaDate(now)),
    creditReport(db, now),
  ]);
  return {
    weekStart,
    weekEnd,
    valueMinor: week.totals.valueMinor,
    orders: week.totals.orders,
    previousValueMinor: week.totals.previous?.valueMinor ?? 0n,
    previousOrders: week.totals.previous?.orders ?? 0,
    byChannel: week.rows.map((r) => ({
      channel: r.key,
      valueMinor: r.valueMinor,
      orders: r.orders,
    })),
    growing: trends.growing,
    declining: trends.declining,
    lapsed: trends.lapsed,
    overLimit: credit.nearOrOverLimit.filter((d) => (d.usedPct ?? 0) > 100).slice(0, 10),
    exposureMinor: credit.totals.exposureMinor,
    held: { count: credit.held.count, valueMinor: credit.held.valueMinor },
  };
}

/** The digest's own SMTP connection (the one replies go through: `SMTP_URL`). */
export function createDigestMailer(smtp: Pick<SmtpConfig, 'url'>): Transporter {
  return nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
}

export interface SendDigestsDeps {
  db: Database;
  mailer: Pick<Transporter, 'sendMail'>;
  from: string;
  /** The console's public address, for links. */
  publicUrl: string;
  now?: Date;
}

/** Sends the digests due now; returns how many were sent. */
export async function sendWeeklyDigests(deps: SendDigestsDeps): Promise<number> {
  const now = deps.now ?? new Date();
  const due = digestWeek(now);
  if (due === null) return 0;
  const { weekStart } = due;
  const users = await deps.db
    .selectFrom('users as u')
    .leftJoin('report_digests as r', (j) =>
      j.onRef('r.user_id', '=', 'u.id').on('r.week_start', '=', weekStart),
    )
    .select(['u.id', 'u.email', 'u.name'])
    .where('u.weekly_digest', '=', true)
    .where('u.active', '=', true)
    .where('u.role', 'in', DIGEST_ROLES)
    .where('r.user_id', 'is', null)
    .execute();
  if (users.length === 0) return 0;
  const content = await buildDigest(deps.db, weekStart, now);
  let sent = 0;
  for (const user of users) {
    const mail = renderDigest(content, {
      name: user.name,
      consoleUrl: `${deps.publicUrl}/console`,
    });
    const done = await inTransaction(deps.db, async (trx) => {
      const taken = await trx
        .insertInto('report_digests')
        .values({ user_id: user.id, week_start: weekStart })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (taken === undefined) return false;
      await deps.mailer.sendMail({ from: deps.from, to: user.email, ...mail });
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}
