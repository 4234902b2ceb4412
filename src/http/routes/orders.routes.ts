/**
 * GET /api/orders?dealer=&status=&limit= → {orders: [...]}, newest first.
 * Money as strings with two decimals; a line not priced yet (a draft in
 * review) has null unit_price and line_total. Default limit 50, at most 500.
 *
 * GET /api/orders/{id} → one order (by id or by number `SO-2026-000123`) with
 * its number, version, events and what came back from the ERP.
 */
import { Router } from 'express';
import { z } from 'zod';
import { ORDER_STATUSES } from '../../db/schema.js';
import { listOrders } from '../../repositories/read-models/order-list.read-model.js';
import type { AppDeps } from '../app-deps.js';
import {
  findOrderDocument,
  orderListJson,
} from '../../repositories/read-models/order-document.read-model.js';
import { AppError } from '../../domain/app-error.js';
import { dealerCodeSchema, requireDealer } from './dealer-code.js';

const querySchema = z.object({
  dealer: dealerCodeSchema.optional(),
  status: z
    .enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be a whole number from 1 to 500')
    .max(500, 'must be a whole number from 1 to 500')
    .optional(),
});

export function ordersRouter(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = querySchema.parse(req.query);
    if (query.dealer !== undefined) await requireDealer(deps.db, query.dealer);
    const orders = await listOrders(deps.db, {
      ...(query.dealer === undefined ? {} : { dealerCode: query.dealer }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    res.set('Cache-Control', 'no-store').json({ orders: orders.map(orderListJson) });
  });
  router.get('/:id', async (req, res) => {
    const order = await findOrderDocument(deps.db, req.params.id);
    if (order === undefined)
      throw new AppError('NOT_FOUND', `order ${req.params.id} does not exist`);
    res.set('Cache-Control', 'no-store').json(order);
  });
  return router;
}
