/**
 * Credit exposure across the network, for finance: the total, by region and
 * by dealer, dealers near or past their limit, what is unpaid by age, and the
 * orders held for credit or price.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { indiaDate } from '../../domain/india-date.js';
import { openInvoices } from '../../domain/open-invoices.js';
import { orderNumber } from '../../domain/order-number.js';
import type { IsoDate } from '../../domain/report-periods.js';
import {
  listCreditExposure,
  type DealerExposure,
} from '../../repositories/read-models/credit-exposure.read-model.js';

export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** By days since the invoice date. */
export function ageingBucket(ageDays: number): AgeingBucket {
  if (ageDays <= 30) return '0-30';
  if (ageDays <= 60) return '31-60';
  if (ageDays <= 90) return '61-90';
  return '90+';
}

export type Ageing = Record<AgeingBucket, bigint>;

function emptyAgeing(): Ageing {
  return { '0-30': 0n, '31-60': 0n, '61-90': 0n, '90+': 0n };
}

export interface DealerCreditRow {
  dealer: string;
  name: string;
  region: string | null;
  limitMinor: bigint | null;
  outstandingMinor: bigint;
  openOrdersMinor: bigint;
  exposureMinor: bigint;
  /** Exposure as a percentage of the limit; null without a limit. */
  usedPct: number | null;
  ageing: Ageing;
}

/** What a group of dealers (a region, the network) adds up to. */
export interface CreditTotals {
  dealers: number;
  limitMinor: bigint;
  outstandingMinor: bigint;
  openOrdersMinor: bigint;
  exposureMinor: bigint;
  /** At 80% of their limit or more. */
  over80: number;
  /** Past their limit. */
  over100: number;
  ageing: Ageing;
}

export interface RegionCredit extends CreditTotals {
  region: string;
}

export interface HeldOrder {
  id: string;
  number: string;
  dealer: string;
  status: 'held_credit' | 'held_price';
  totalMinor: bigint;
  since: IsoDate;
}

export interface CreditReport {
  today: IsoDate;
  totals: CreditTotals;
  regions: RegionCredit[];
  /** Dealers at 80% of their limit or more, most used first. */
  nearOrOverLimit: DealerCreditRow[];
  /** Every active dealer with exposure, largest first. */
  dealers: DealerCreditRow[];
  held: {
    count: number;
    valueMinor: bigint;
    byStatus: Record<HeldOrder['status'], { count: number; valueMinor: bigint }>;
    oldest: HeldOrder[];
  };
}

function usedPct(e: DealerExposure): number | null {
  const limit = e.position.limitMinor;
  if (limit === null || limit <= 0n) return null;
  return Math.round((Number(e.position.exposureMinor) / Number(limit)) * 1000) / 10;
}

/** Open invoice amounts of every dealer by age, from the ledger (oldest settled first). */
async function ageingByDealer(db: Database, today: IsoDate): Promise<Map<string, Ageing>> {
  const [invoices, credits] = await Promise.all([
    db
      .selectFrom('ledger_entries')
      .select(['dealer_code', 'reference', 'occurred_at', 'due_date', 'amount_minor'])
      .where('kind', '=', 'invoice')
      .where('settled_at', 'is', null)
      .orderBy('dealer_code')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
    // Paid or credited beyond what settled invoices took: it covers the oldest open ones.
    sql<{ dealer_code: string; unapplied: string }>`
      SELECT dealer_code,
             (coalesce(-sum(amount_minor) FILTER (WHERE amount_minor < 0 AND kind <> 'adjustment'), 0)
              - coalesce(sum(amount_minor) FILTER (WHERE kind = 'invoice' AND settled_at IS NOT NULL), 0))::text AS unapplied
        FROM ledger_entries GROUP BY dealer_code`.execute(db),
  ]);
  const unapplied = new Map(credits.rows.map((r) => [r.dealer_code, BigInt(r.unapplied)]));
  const byDealer = new Map<string, typeof invoices>();
  for (const i of invoices)
    byDealer.set(i.dealer_code, [...(byDealer.get(i.dealer_code) ?? []), i]);
  const result = new Map<string, Ageing>();
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  for (const [dealer, list] of byDealer) {
    const open = openInvoices(
      list.map((i) => ({
        reference: i.reference,
        date: indiaDate(i.occurred_at),
        dueDate: null,
        amountMinor: i.amount_minor,
      })),
      unapplied.get(dealer) ?? 0n,
      today,
    );
    const ageing = emptyAgeing();
    for (const inv of open) {
      const age = Math.round((todayMs - Date.parse(`${inv.date}T00:00:00Z`)) / 86_400_000);
      ageing[ageingBucket(age)] += inv.openMinor;
    }
    result.set(dealer, ageing);
  }
  return result;
}

function emptyTotals(): CreditTotals {
  return {
    dealers: 0,
    limitMinor: 0n,
    outstandingMinor: 0n,
    openOrdersMinor: 0n,
    exposureMinor: 0n,
    over80: 0,
    over100: 0,
    ageing: emptyAgeing(),
  };
}

function addDealer(into: CreditTotals, r: DealerCreditRow): void {
  into.dealers += 1;
  into.limitMinor += r.limitMinor ?? 0n;
  into.outstandingMinor += r.outstandingMinor;
  into.openOrdersMinor += r.openOrdersMinor;
  into.exposureMinor += r.exposureMinor;
  if (r.usedPct !== null && r.usedPct >= 80) into.over80 += 1;
  if (r.usedPct !== null && r.usedPct > 100) into.over100 += 1;
  for (const b of AGEING_BUCKETS) into.ageing[b] += r.ageing[b];
}

export async function creditReport(
  db: Database,
  now: Date,
  region?: string,
): Promise<CreditReport> {
  const today = indiaDate(now);
  const heldScope = (trx: Database) =>
    trx
      .selectFrom('orders as o')
      .innerJoin('dealers as d', 'd.code', 'o.dealer_code')
      .where('o.status', 'in', ['held_credit', 'held_price'])
      .where('d.active', '=', true)
      .$if(region !== undefined, (qb) => qb.where('d.region', '=', region!));
  const [exposure, regions, ageing, heldTotals, heldOldest] = await Promise.all([
    listCreditExposure(db),
    db.selectFrom('dealers').select(['code', 'region']).execute(),
    ageingByDealer(db, today),
    heldScope(db)
      .select([
        'o.status',
        sql<number>`count(*)::int`.as('n'),
        sql<string>`sum(o.total_minor)::text`.as('v'),
      ])
      .groupBy('o.status')
      .execute(),
    heldScope(db)
      .select([
        'o.id',
        'o.order_no',
        'o.dealer_code',
        'o.status',
        'o.total_minor',
        'o.created_at',
        'o.updated_at',
      ])
      .orderBy('o.updated_at')
      .limit(20)
      .execute(),
  ]);
  const regionOf = new Map(regions.map((r) => [r.code, r.region]));
  const rows: DealerCreditRow[] = exposure.dealers
    .filter((e) => region === undefined || regionOf.get(e.dealerCode) === region)
    .map((e) => ({
      dealer: e.dealerCode,
      name: e.name,
      region: regionOf.get(e.dealerCode) ?? null,
      limitMinor: e.position.limitMinor,
      outstandingMinor: e.position.outstandingMinor,
      openOrdersMinor: e.position.openOrdersMinor,
      exposureMinor: e.position.exposureMinor,
      usedPct: usedPct(e),
      ageing: ageing.get(e.dealerCode) ?? emptyAgeing(),
    }));

  const totals = emptyTotals();
  const byRegion = new Map<string, RegionCredit>();
  for (const r of rows) {
    const name = r.region ?? '(no region)';
    const group = byRegion.get(name) ?? { region: name, ...emptyTotals() };
    byRegion.set(name, group);
    for (const t of [group, totals]) addDealer(t, r);
  }

  const byStatus = {
    held_credit: { count: 0, valueMinor: 0n },
    held_price: { count: 0, valueMinor: 0n },
  };
  for (const h of heldTotals) {
    byStatus[h.status as HeldOrder['status']] = { count: h.n, valueMinor: BigInt(h.v) };
  }
  const oldest: HeldOrder[] = heldOldest.map((o) => ({
    id: o.id,
    number: orderNumber(o.order_no, o.created_at),
    dealer: o.dealer_code ?? '',
    status: o.status as HeldOrder['status'],
    totalMinor: o.total_minor,
    since: indiaDate(o.updated_at),
  }));

  return {
    today,
    totals,
    regions: [...byRegion.values()].sort((a, b) =>
      b.exposureMinor > a.exposureMinor
        ? 1
        : b.exposureMinor < a.exposureMinor
          ? -1
          : a.region.localeCompare(b.region),
    ),
    nearOrOverLimit: rows
      .filter((r) => r.usedPct !== null && r.usedPct >= 80)
      .sort((a, b) => (b.usedPct ?? 0) - (a.usedPct ?? 0)),
    dealers: rows
      .filter((r) => r.exposureMinor !== 0n)
      .sort((a, b) =>
        b.exposureMinor > a.exposureMinor
          ? 1
          : b.exposureMinor < a.exposureMinor
            ? -1
            : a.dealer.localeCompare(b.dealer),
      ),
    held: {
      count: byStatus.held_credit.count + byStatus.held_price.count,
      valueMinor: byStatus.held_credit.valueMinor + byStatus.held_price.valueMinor,
      byStatus,
      oldest,
    },
  };
}
