/**
 * - GET /api/dealers/:code/credit → {limit, outstanding, open_orders,
 *   exposure, available} (docs/http-api.md); limit and available are
 *   null for a dealer without a limit; available is negative when over it.
 * - GET /api/dealers?q=&limit= → {dealers: [{code, name}]}: a picker for the
 *   web chat page (not part of the contract).
 * - POST /api/dealers/:code/credit/temporary-limit {"limit": "75000.00",
 *   "expires_at": ISO 8601, in the future, "note"?} → {dealer, temporary_limit,
 *   expires_at}: the limit replaces the dealer's own until it expires. It
 *   must be above the dealer's own limit and expire within 180 days.
 *   DELETE clears it. Finance or admin only (as credit holds); audited.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { temporaryLimitProblem } from '../../domain/credit.js';
import { formatMinor, parseMoney } from '../../master-data/money.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { setTemporaryLimit } from '../../repositories/credit.repository.js';
import { actorOf } from './approvals.routes.js';
import { requireJsonBody } from './json-body.js';
import { findDealerCreditView } from '../../repositories/read-models/dealer-credit.read-model.js';
import { searchDealers } from '../../repositories/read-models/dealer-directory.read-model.js';
import type { AppDeps } from '../app-deps.js';
import { moneyJson, nullableMoneyJson } from '../money-json.js';

const searchSchema = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const temporaryLimitSchema = z.object({
  limit: z.string({ error: 'limit must be a decimal amount as a string, like "75000.00"' }),
  expires_at: z.iso.datetime({
    offset: true,
    error: 'expires_at must be an ISO 8601 date-time, like "2025-07-31T18:30:00Z"',
  }),
  note: z.string().trim().max(2000).optional(),
});

const EXAMPLE = '{"limit": "75000.00", "expires_at": "2025-07-31T18:30:00Z"}';

/** Who may change a credit limit: finance, or an admin (as for credit holds). */
function creditActor(res: Response) {
  const actor = actorOf(res);
  if (actor.role !== 'finance' && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'only finance may change a credit limit');
  }
  return actor;
}

const limitJson = (limit: { limitMinor: bigint; expiresAt: Date } | null) => ({
  temporary_limit: limit === null ? null : formatMinor(limit.limitMinor),
  expires_at: limit === null ? null : limit.expiresAt.toISOString(),
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

  router.post('/:code/credit/temporary-limit', async (req, res) => {
    const actor = creditActor(res);
    const parsed = temporaryLimitSchema.safeParse(requireJsonBody(req, EXAMPLE));
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    }
    const money = parseMoney(parsed.data.limit);
    if (!money.ok) throw new AppError('INVALID_INPUT', `limit ${money.reason}`);
    const limit = { limitMinor: money.minor, expiresAt: new Date(parsed.data.expires_at) };
    const code = req.params.code;
    await deps.db.transaction().execute(async (trx) => {
      const done = await setTemporaryLimit(trx, code, limit, (locked) =>
        temporaryLimitProblem({
          ownLimitMinor: locked.credit_limit_minor,
          requestedMinor: limit.limitMinor,
          expiresAt: limit.expiresAt,
          now: new Date(),
        }),
      );
      if (done === undefined) throw new AppError('NOT_FOUND', `no dealer with code "${code}"`);
      if ('refused' in done) throw new AppError('INVALID_INPUT', done.refused);
      await recordAuditEvents(trx, [
        {
          entityType: 'dealer',
          entityId: code,
          action: 'temp_limit_set',
          actor: actor.principal,
          reason: parsed.data.note ?? null,
          data: { ...limitJson(limit), previous: limitJson(done.previous), role: actor.role },
        },
      ]);
    });
    res.json({ dealer: code, ...limitJson(limit) });
  });

  router.delete('/:code/credit/temporary-limit', async (req, res) => {
    const actor = creditActor(res);
    const code = req.params.code;
    await deps.db.transaction().execute(async (trx) => {
      const done = await setTemporaryLimit(trx, code, null);
      if (done === undefined) throw new AppError('NOT_FOUND', `no dealer with code "${code}"`);
      if ('refused' in done) throw new AppError('INVALID_INPUT', done.refused);
      await recordAuditEvents(trx, [
        {
          entityType: 'dealer',
          entityId: code,
          action: 'temp_limit_cleared',
          actor: actor.principal,
          reason: null,
          data: { previous: limitJson(done.previous), role: actor.role },
        },
      ]);
    });
    res.json({ dealer: code, ...limitJson(null) });
  });

  return router;
}
