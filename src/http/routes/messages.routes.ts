/** GET /api/messages/:id → {id, channel, status, order_ids}. */
import { Router } from 'express';
import { AppError } from '../../domain/app-error.js';
import { findMessageStatus } from '../../repositories/read-models/message-status.read-model.js';
import type { AppDeps } from '../app-deps.js';

export function messagesRouter(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const message = await findMessageStatus(deps.db, req.params.id);
    if (message === undefined) {
      throw new AppError('NOT_FOUND', `no message with id "${req.params.id}"`);
    }
    res.set('Cache-Control', 'no-store').json({
      id: message.id,
      channel: message.channel,
      status: message.status,
      order_ids: message.orderIds,
    });
  });
  return router;
}
