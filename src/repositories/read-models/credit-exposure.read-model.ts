/**
 * The network's credit exposure: every dealer's position (limit in force,
 * outstanding, open orders, exposure, available) and the totals. Read-only.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import {
  computeCreditPosition,
  totalExposure,
  type CreditPosition,
  type ExposureTotals,
} from '../../domain/credit.js';

export interface DealerExposure {
  dealerCode: string;
  name: string;
  position: CreditPosition;
}

export async function listCreditExposure(
  db: Executor,
): Promise<{ dealers: DealerExposure[]; totals: ExposureTotals }> {
  const rows = await db
    .selectFrom('dealers as d')
    .leftJoin('dealer_credit as c', 'c.dealer_code', 'd.code')
    .select([
      'd.code',
      'd.name',
      sql<bigint | null>`CASE WHEN c.temp_limit_expires_at > now() THEN c.temp_limit_minor
                              ELSE d.credit_limit_minor END`.as('limit_minor'),
      sql<bigint>`coalesce(c.outstanding_minor, 0)::bigint`.as('outstanding_minor'),
      sql<bigint>`coalesce(c.open_orders_minor, 0)::bigint`.as('open_orders_minor'),
    ])
    .where('d.active', '=', true)
    .orderBy('d.code')
    .execute();
  const dealers = rows.map((r) => ({
    dealerCode: r.code,
    name: r.name,
    position: computeCreditPosition({
      limitMinor: r.limit_minor,
      outstandingMinor: r.outstanding_minor,
      openOrdersMinor: r.open_orders_minor,
    }),
  }));
  return {
    dealers,
    totals: totalExposure(dealers.map((d) => ({ dealerCode: d.dealerCode, position: d.position }))),
  };
}
