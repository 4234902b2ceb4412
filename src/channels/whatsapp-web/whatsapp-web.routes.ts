/**
 * GET /api/channels/whatsapp-web/qr (behind the API auth): the linked
 * number's state and, while it waits for a scan, the QR as a PNG data URL
 * for the console: `{"state", "since", "detail", "qr": "data:image/png;base64,..." | null}`.
 * Read from channel_states, so the API answers for the worker that holds
 * the session.
 */
import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import { findChannelState } from '../../repositories/channel-state.repository.js';
import { WHATSAPP_WEB_CHANNEL } from './whatsapp-web-channel.js';

export function whatsappWebRouter(deps: { db: Kysely<DB> }): Router {
  const router = Router();
  router.get('/whatsapp-web/qr', async (_req, res) => {
    const row = await findChannelState(deps.db, WHATSAPP_WEB_CHANNEL);
    if (row === undefined) {
      throw new AppError(
        'NOT_FOUND',
        'the whatsapp-web channel has not started: set WHATSAPP_WEB_ENABLED=true on the worker',
      );
    }
    res.set('Cache-Control', 'no-store').json({
      state: row.state,
      since: row.since.toISOString(),
      detail: row.detail,
      qr: row.state === 'qr_needed' ? row.qr_data_url : null,
    });
  });
  return router;
}
