/**
 * The reports as JSON for `GET /api/reports/...` (docs/reports.md): money as
 * strings with two decimals, snake_case keys. `volume` and `dealer-trends`
 * keep the shape docs/http-api.md fixes; the rest only adds fields.
 */
import { formatMinor } from '../../domain/money.js';
import type { CreditReport, DealerCreditRow } from './credit-report.js';
import type { DealerTrend, DealerTrendsReport } from './dealer-trends.js';
import type { OperationsReport } from './operations-report.js';
import type { VolumeFigures, VolumeReport } from './volume-report.js';

const money = (minor: bigint): string => formatMinor(minor);

function figures(f: VolumeFigures): { orders: number; quantity: number; value: string } {
  return { orders: f.orders, quantity: f.quantity, value: money(f.valueMinor) };
}

function changePct(now: bigint, before: bigint): number | null {
  return before === 0n ? null : Math.round((Number(now - before) / Number(before)) * 1000) / 10;
}

export function volumeJson(r: VolumeReport): Record<string, unknown> {
  return {
    by: r.by,
    ...(r.then === undefined ? {} : { then: r.then }),
    from: r.from,
    to: r.to,
    ...(r.compare === 'none'
      ? {}
      : { compare: r.compare, compare_from: r.compareFrom, compare_to: r.compareTo }),
    rows: r.rows.map((row) => ({
      key: row.key,
      label: row.label,
      ...(row.key2 === undefined ? {} : { key2: row.key2, label2: row.label2 }),
      ...figures(row),
      ...(row.previous === undefined
        ? {}
        : {
            previous: figures(row.previous),
            change_pct: changePct(row.valueMinor, row.previous.valueMinor),
          }),
    })),
    totals: {
      ...figures(r.totals),
      ...(r.totals.previous === undefined ? {} : { previous: figures(r.totals.previous) }),
    },
  };
}

function trendJson(t: DealerTrend): Record<string, unknown> {
  return {
    dealer: t.dealer,
    name: t.name,
    region: t.region,
    change_pct: t.changePct,
    change_vs_last_year_pct: t.changeVsLastYearPct,
    current_value: money(t.currentMinor),
    prior_value: money(t.priorMinor),
    last_year_value: money(t.lastYearMinor),
    last_order: t.lastOrder,
    usual_interval_days: t.usualIntervalDays,
    days_since_last_order: t.daysSinceLastOrder,
    sparkline: t.sparkline.map(money),
  };
}

export function dealerTrendsJson(r: DealerTrendsReport): Record<string, unknown> {
  return {
    method: r.method,
    today: r.today,
    windows: { current: r.current, prior: r.prior, last_year: r.lastYear },
    growing: r.growing.map(trendJson),
    declining: r.declining.map(trendJson),
    lapsed: r.lapsed.map(trendJson),
  };
}

function ageingJson(a: DealerCreditRow['ageing']): Record<string, string> {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, money(v)]));
}

function dealerCreditJson(d: DealerCreditRow): Record<string, unknown> {
  return {
    dealer: d.dealer,
    name: d.name,
    region: d.region,
    limit: d.limitMinor === null ? null : money(d.limitMinor),
    outstanding: money(d.outstandingMinor),
    open_orders: money(d.openOrdersMinor),
    exposure: money(d.exposureMinor),
    used_pct: d.usedPct,
    ageing: ageingJson(d.ageing),
  };
}

export function creditJson(r: CreditReport): Record<string, unknown> {
  return {
    today: r.today,
    totals: {
      dealers: r.totals.dealers,
      limit: money(r.totals.limitMinor),
      outstanding: money(r.totals.outstandingMinor),
      open_orders: money(r.totals.openOrdersMinor),
      exposure: money(r.totals.exposureMinor),
      over_80_pct: r.totals.over80,
      over_limit: r.totals.over100,
      ageing: ageingJson(r.totals.ageing),
    },
    regions: r.regions.map((g) => ({
      region: g.region,
      dealers: g.dealers,
      limit: money(g.limitMinor),
      exposure: money(g.exposureMinor),
      over_80_pct: g.over80,
      over_limit: g.over100,
      ageing: ageingJson(g.ageing),
    })),
    near_or_over_limit: r.nearOrOverLimit.map(dealerCreditJson),
    dealers: r.dealers.map(dealerCreditJson),
    held: {
      count: r.held.count,
      value: money(r.held.valueMinor),
      held_credit: {
        count: r.held.byStatus.held_credit.count,
        value: money(r.held.byStatus.held_credit.valueMinor),
      },
      held_price: {
        count: r.held.byStatus.held_price.count,
        value: money(r.held.byStatus.held_price.valueMinor),
      },
      oldest: r.held.oldest.map((o) => ({
        id: o.id,
        number: o.number,
        dealer: o.dealer,
        status: o.status,
        total: money(o.totalMinor),
        since: o.since,
      })),
    },
  };
}

export function operationsJson(r: OperationsReport): Record<string, unknown> {
  return {
    from: r.from,
    to: r.to,
    messages_by_day: r.messagesByDay,
    messages_by_channel: r.messagesByChannel,
    orders: {
      total: r.orders.total,
      straight_through: r.orders.straightThrough,
      straight_through_pct: r.orders.straightThroughPct,
    },
    review_queue: {
      waiting: r.reviewQueue.waiting,
      median_minutes: r.reviewQueue.medianMinutes,
      oldest_minutes: r.reviewQueue.oldestMinutes,
    },
    reply_latency: {
      replies: r.replyLatency.replies,
      p50_seconds: r.replyLatency.p50Seconds,
      p95_seconds: r.replyLatency.p95Seconds,
    },
    corrections: r.corrections,
  };
}
