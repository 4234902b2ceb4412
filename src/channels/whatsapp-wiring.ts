/**
 * What main.ts needs from the WhatsApp channels, built from the config:
 *
 * - API role: the Cloud webhook router (when the Cloud API is configured)
 *   and the /health entries of both channels.
 * - Worker role: the whatsapp-web session (when WHATSAPP_WEB_ENABLED: the
 *   worker owns it, since it both receives and sends) and the outbox sender
 *   for channel `whatsapp`. With both channels on, a reply goes back the way
 *   its message came: a Cloud message id (`wamid.`) through the Cloud API,
 *   anything else through whatsapp-web.
 */
import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FrozenConfig } from '../config/index.js';
import type { DB } from '../db/schema.js';
import type { HealthCheck } from '../http/health/health-checks.js';
import type { IngestMessageInput, IngestMessageResult } from '../services/ingest-message.js';
import type { ChannelSender } from './channel-sender.js';
import { channelStateCheck } from './channel-state-check.js';
import { pgSendPacer } from './send-pacer.js';
import {
  createWhatsappCloudSender,
  WHATSAPP_CLOUD_CHANNEL,
} from './whatsapp-cloud/whatsapp-cloud-sender.js';
import { whatsappCloudWebhookRouter } from './whatsapp-cloud/whatsapp-cloud.routes.js';
import {
  createWhatsappWebChannel,
  WHATSAPP_WEB_CHANNEL,
  type WhatsappWebChannel,
} from './whatsapp-web/whatsapp-web-channel.js';
import { createWwebClient } from './whatsapp-web/wweb-client.js';

type Ingest = (input: IngestMessageInput) => Promise<IngestMessageResult>;

export interface WhatsappApiParts {
  webhooks: Router[];
  health: Record<string, HealthCheck>;
}

export function whatsappApiParts(deps: {
  db: Kysely<DB>;
  config: FrozenConfig;
  logger: Logger;
  ingest: Ingest;
}): WhatsappApiParts {
  const { whatsappWeb, whatsappCloud } = deps.config;
  const health: Record<string, HealthCheck> = {};
  const webhooks: Router[] = [];
  if (whatsappWeb !== null) {
    health[WHATSAPP_WEB_CHANNEL] = channelStateCheck(deps.db, WHATSAPP_WEB_CHANNEL, {
      okStates: ['connected'],
    });
  }
  if (whatsappCloud !== null) {
    health[WHATSAPP_CLOUD_CHANNEL] = channelStateCheck(deps.db, WHATSAPP_CLOUD_CHANNEL, {
      okStates: ['ok'],
      staleMs: 0,
      missing: { status: 'ok', state: 'configured', since: null },
    });
    webhooks.push(
      whatsappCloudWebhookRouter({
        db: deps.db,
        ingest: deps.ingest,
        config: whatsappCloud,
        logger: deps.logger,
      }),
    );
  }
  return { webhooks, health };
}

export interface WhatsappWorkerParts {
  /** The sender for channel `whatsapp`, or null when neither channel is on. */
  sender: ChannelSender | null;
  /** The whatsapp-web session, started; null when off. */
  web: WhatsappWebChannel | null;
}

export function startWhatsappWorkerParts(deps: {
  db: Kysely<DB>;
  config: FrozenConfig;
  logger: Logger;
  ingest: Ingest;
}): WhatsappWorkerParts {
  const { whatsappWeb, whatsappCloud } = deps.config;
  const pacer = pgSendPacer({ db: deps.db });
  let web: WhatsappWebChannel | null = null;
  if (whatsappWeb !== null) {
    web = createWhatsappWebChannel(
      {
        db: deps.db,
        ingest: deps.ingest,
        createClient: () => createWwebClient(whatsappWeb),
        pacer,
        log: deps.logger,
      },
      { allowGroups: whatsappWeb.allowGroups, sendGapMs: whatsappWeb.sendGapMs },
    );
    web.start();
  }
  const cloud =
    whatsappCloud === null
      ? null
      : createWhatsappCloudSender({ db: deps.db, config: whatsappCloud, pacer, log: deps.logger });
  if (web === null || cloud === null) return { sender: web?.sender ?? cloud, web };
  const webSender = web.sender;
  const sender: ChannelSender = {
    async send(message) {
      const answered =
        message.inboundMessageId === null
          ? undefined
          : await deps.db
              .selectFrom('inbound_messages')
              .select('external_id')
              .where('id', '=', message.inboundMessageId)
              .executeTakeFirst();
      const viaWeb = answered !== undefined && !answered.external_id.startsWith('wamid.');
      return (viaWeb ? webSender : cloud).send(message);
    },
  };
  return { sender, web };
}
