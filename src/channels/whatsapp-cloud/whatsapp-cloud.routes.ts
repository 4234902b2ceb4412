/**
 * The Cloud API webhook (docs/operations.md):
 *
 * - `GET /webhooks/whatsapp`: Meta's subscription handshake. `hub.mode=subscribe`
 *   with our verify token → the `hub.challenge` echoed as text; else 403.
 * - `POST /webhooks/whatsapp`: the raw body is read here (this route only)
 *   and its `X-Hub-Signature-256` checked before anything is parsed: no
 *   header 401, a wrong one 403, nothing stored either way. Then every
 *   message is stored through ingestion and every delivery status recorded;
 *   200 only once all of it is in PostgreSQL. Anything failing answers 500
 *   so Meta delivers the payload again (it retries for days); redeliveries
 *   stop at the wamid's unique key.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import { sendError } from '../../http/error-mapper.js';
import { recordFailure } from '../../metrics/channel-metrics.js';
import { recordDeliveryStatus } from '../../repositories/delivery-status.repository.js';
import type { IngestMessageInput, IngestMessageResult } from '../../services/ingest-message.js';
import { readWebhook } from './read-webhook.js';
import { verifySignature } from './verify-signature.js';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

export interface WhatsappCloudWebhookDeps {
  db: Kysely<DB>;
  ingest: (input: IngestMessageInput) => Promise<IngestMessageResult>;
  config: {
    verifyToken: string;
    appSecret: string;
    phoneNumberId: string;
    /** Every business number of the app that is ours (default: `phoneNumberId` alone). */
    phoneNumberIds?: readonly string[];
  };
  logger: Logger;
  /** Largest payload accepted. Default `1mb` (Meta batches at most a few messages). */
  bodyLimit?: string;
}

export function whatsappCloudWebhookRouter(deps: WhatsappCloudWebhookDeps): Router {
  const router = Router();
  const log = deps.logger.child({ channel: 'whatsapp_cloud' });

  router.get(WHATSAPP_WEBHOOK_PATH, (req, res) => {
    const query = req.query as Record<string, unknown>;
    const mode = query['hub.mode'];
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (
      mode === 'subscribe' &&
      typeof token === 'string' &&
      safeEqual(token, deps.config.verifyToken) &&
      typeof challenge === 'string'
    ) {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    log.warn('webhook verification refused');
    sendError(res, 403, 'FORBIDDEN', 'verification failed');
  });

  router.post(
    WHATSAPP_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: deps.bodyLimit ?? '1mb' }),
    async (req, res) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const check = verifySignature(deps.config.appSecret, raw, req.get('x-hub-signature-256'));
      if (check !== 'valid') {
        recordFailure('whatsapp', 'in');
        log.warn({ check }, 'webhook signature refused');
        if (check === 'missing') {
          sendError(res, 401, 'UNAUTHORIZED', 'X-Hub-Signature-256 is missing');
        } else {
          sendError(res, 403, 'FORBIDDEN', 'X-Hub-Signature-256 does not match the body');
        }
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        sendError(res, 400, 'INVALID_INPUT', 'the body is not JSON');
        return;
      }
      const read = readWebhook(payload, deps.config.phoneNumberIds ?? [deps.config.phoneNumberId]);
      if (read === null) {
        // Signed by Meta but not a shape we know: retrying would not help.
        log.warn('webhook payload not understood; acknowledged and dropped');
        res.status(200).send('ignored');
        return;
      }
      if (read.skipped.length > 0) log.debug({ skipped: read.skipped }, 'webhook parts skipped');
      if (read.unreadable.length > 0) {
        // Stored what could be read; the rest would fail the same way on every redelivery.
        recordFailure('whatsapp', 'in');
        log.warn(
          { unreadable: read.unreadable },
          'webhook parts unreadable; acknowledged, not stored',
        );
      }
      try {
        await Promise.all([
          ...read.messages.map((m) =>
            deps.ingest({
              channel: 'whatsapp',
              externalId: m.externalId,
              sender: m.sender,
              text: m.text,
              attachments: m.attachments,
              files: m.files,
              receivedAt: m.receivedAt,
              // several numbers: the reply goes back from the one the dealer wrote to
              channelAccount: m.businessNumber,
            }),
          ),
          ...read.statuses.map((s) => recordDeliveryStatus(deps.db, s)),
        ]);
      } catch (error) {
        log.error({ err: error }, 'webhook not stored; Meta will deliver it again');
        sendError(res, 500, 'INTERNAL', 'not stored; deliver again');
        return;
      }
      res.status(200).send('EVENT_RECEIVED');
    },
  );
  return router;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // A length difference leaks nothing useful; equal lengths compare in constant time.
  return x.length === y.length && timingSafeEqual(x, y);
}
