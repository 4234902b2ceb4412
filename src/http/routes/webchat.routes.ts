/**
 * The web chat channel's API (docs/http-api.md):
 *
 * - POST /api/webchat/messages {dealer, text} → 202 {message_id}: the text
 *   enters the pipeline as channel `webchat`, sender = the dealer code, a
 *   fresh external id per post (each post is a new message).
 * - GET /api/webchat/messages?dealer= → {messages: [{direction, text, at}]},
 *   oldest first, with the bot's delivered replies.
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { listConversation } from '../../repositories/read-models/conversation-history.read-model.js';
import type { AppDeps } from '../app-deps.js';
import { dealerCodeSchema, requireDealer } from './dealer-code.js';
import { requireJsonBody } from './json-body.js';

const postSchema = z.object({
  dealer: dealerCodeSchema,
  text: z.string({ error: 'must be the message text (a string)' }),
});

const listSchema = z.object({
  dealer: dealerCodeSchema,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export function webchatRouter(deps: Pick<AppDeps, 'db' | 'ingest'>): Router {
  const router = Router();

  router.post('/messages', async (req, res) => {
    const body = postSchema.parse(requireJsonBody(req, '{"dealer": "D001", "text": "..."}'));
    await requireDealer(deps.db, body.dealer);
    const { messageId } = await deps.ingest({
      channel: 'webchat',
      externalId: randomUUID(),
      sender: body.dealer,
      dealerCode: body.dealer,
      text: body.text,
      receivedAt: new Date(),
    });
    res.status(202).json({ message_id: messageId });
  });

  router.get('/messages', async (req, res) => {
    const query = listSchema.parse(req.query);
    await requireDealer(deps.db, query.dealer);
    const entries = await listConversation(deps.db, {
      channel: 'webchat',
      sender: query.dealer,
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    res.set('Cache-Control', 'no-store').json({
      messages: entries.map((e) => ({
        direction: e.direction,
        text: e.text,
        at: e.at.toISOString(),
      })),
    });
  });

  return router;
}
