/**
 * GET /api/credit/exposure → {"dealers": [{"code", "name", "limit", "outstanding",
 * "open_orders", "exposure", "available"}], "totals": {"dealers", "over_limit",
 * "limit", "outstanding", "open_orders", "exposure"}}; money as strings, limit
 * and available null for a dealer without a limit.
 */
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listCreditExposure } from '../../repositories/read-models/credit-exposure.read-model.js';
import { moneyJson, nullableMoneyJson } from '../money-json.js';

export function creditRouter(deps: { db: Kysely<DB> }): Router {
  const router = Router();
  router.get('/exposure', async (_req, res) => {
    const { dealers, totals } = await listCreditExposure(deps.db);
    res.set('Cache-Control', 'no-store').json({
      dealers: dealers.map((d) => ({
        code: d.dealerCode,
        name: d.name,
        limit: nullableMoneyJson(d.position.limitMinor),
        outstanding: moneyJson(d.position.outstandingMinor),
        open_orders: moneyJson(d.position.openOrdersMinor),
        exposure: moneyJson(d.position.exposureMinor),
        available: nullableMoneyJson(d.position.availableMinor),
      })),
      totals: {
        dealers: totals.dealers,
        over_limit: totals.overLimit,
        limit: moneyJson(totals.limitMinor),
        outstanding: moneyJson(totals.outstandingMinor),
        open_orders: moneyJson(totals.openOrdersMinor),
        exposure: moneyJson(totals.exposureMinor),
      },
    });
  });
  return router;
}
