/**
 * - GET /api/dealers/:code/credit → {limit, outstanding, open_orders,
 *   exposure, available} (contracts/http-api.md); limit and available are
 *   null for a dealer without a limit; available is negative when over it.
 * - GET /api/dealers?q=&limit= → {dealers: [{code, name}]}: a picker for the
 *   web chat page (not part of the contract).
 */
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { findDealerCreditView } from '../../repositories/read-models/dealer-credit.read-model.js';
import { searchDealers } from '../../repositories/read-models/dealer-directory.read-model.js';
import type { AppDeps } from '../app-deps.js';
import { moneyJson, nullableMoneyJson } from '../money-json.js';

const searchSchema = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export function dealersRouter(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = searchSchema.parse(req.query);
    const dealers = await searchDealers(deps.db, {
      ...(query.q === undefined ? {} : { query: query.q }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    res.set('Cache-Control', 'no-store').json({ dealers });
  });

  router.get('/:code/credit', async (req, res) => {
    const credit = await findDealerCreditView(deps.db, req.params.code);
    if (credit === undefined) {
      throw new AppError('NOT_FOUND', `no dealer with code "${req.params.code}"`);
    }
    res.set('Cache-Control', 'no-store').json({
      limit: nullableMoneyJson(credit.limitMinor),
      outstanding: moneyJson(credit.outstandingMinor),
      open_orders: moneyJson(credit.openOrdersMinor),
      exposure: moneyJson(credit.exposureMinor),
      available: nullableMoneyJson(credit.availableMinor),
    });
  });

  return router;
}
