/**
 * - POST /api/approvals/price/:orderId/approve|reject  {"note": "..."}
 * - POST /api/approvals/credit/:orderId/approve|reject {"note": "..."}
 *   → 200 {"order_id", "approval_id", "status"} (the order's status after)
 * - GET /api/approvals/orders/:orderId → {"approvals": [...]} (money as strings)
 *
 * The decider is the caller's token (res.locals.caller): recorded as
 * `token:<name>` (or `env-token`), its role deciding what it may approve.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { listApprovals } from '../../repositories/approval.repository.js';
import { isUuid } from '../../repositories/inbound-message.repository.js';
import { findOrder } from '../../repositories/order.repository.js';
import {
  decideOrderApproval,
  type ApprovalActor,
  type DecideOrderApprovalDeps,
} from '../../services/decide-approval.js';
import type { Caller } from '../bearer-auth.js';

const bodySchema = z.object({ note: z.string().trim().min(1, 'a note is required').max(2000) });
const paramsSchema = z.object({
  kind: z.enum(['price', 'credit']),
  orderId: z.string().min(1),
  decision: z.enum(['approve', 'reject']),
});

/** Who is deciding, from the bearer token. */
export function actorOf(res: Response): ApprovalActor {
  const caller = res.locals['caller'] as Caller | undefined;
  if (caller === undefined) throw new AppError('UNAUTHORIZED', 'no caller');
  return caller.kind === 'env-token'
    ? { principal: 'env-token', role: 'admin' }
    : { principal: `token:${caller.name}`, role: caller.role };
}

export function approvalsRouter(deps: DecideOrderApprovalDeps): Router {
  const router = Router();

  router.post('/:kind/:orderId/:decision', async (req, res) => {
    const params = paramsSchema.safeParse(req.params);
    if (!params.success) throw new AppError('NOT_FOUND', `no route for POST ${req.path}`);
    const body = bodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      throw new AppError('INVALID_INPUT', body.error.issues.map((i) => i.message).join('; '));
    }
    const result = await decideOrderApproval(deps, {
      orderId: params.data.orderId,
      kind: params.data.kind,
      decision: params.data.decision,
      note: body.data.note,
      actor: actorOf(res),
    });
    res.json({ order_id: result.orderId, approval_id: result.approvalId, status: result.status });
  });

  router.get('/orders/:orderId', async (req, res) => {
    const orderId = req.params.orderId;
    const order = isUuid(orderId) ? await findOrder(deps.db, orderId) : undefined;
    if (!order) throw new AppError('NOT_FOUND', `no order ${orderId}`);
    const rows = await listApprovals(deps.db, orderId);
    res.set('Cache-Control', 'no-store').json({
      approvals: rows.map((a) => ({
        id: a.id,
        kind: a.kind,
        status: a.status,
        data: a.data,
        requested_by: a.requested_by,
        decided_by: a.decided_by,
        note: a.note,
        created_at: a.created_at.toISOString(),
        decided_at: a.decided_at?.toISOString() ?? null,
      })),
    });
  });

  return router;
}
