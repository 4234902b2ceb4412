/**
 * Replies through the WhatsApp Business Cloud API:
 * `POST {graphUrl}/{apiVersion}/{phoneNumberId}/messages` with the access
 * token as bearer.
 *
 * - Inside 24 hours of the dealer's last message: free text. Outside it
 *   WhatsApp accepts only an approved template, so the configured template
 *   is sent with the reply as its one body parameter ({{1}}); with no
 *   template configured the reply fails for good (nothing WhatsApp would
 *   deliver). A text refused as outside the window (error 131047: our clock
 *   and Meta's disagree) is sent again as the template.
 * - Several business numbers of one app (`phoneNumberIds`): a reply goes from
 *   the number the dealer last wrote to (WhatsApp keeps a chat and a window
 *   per number), else from the first.
 * - Paced per recipient (`sendGapMs`) and per sending number (80 messages/s
 *   by default) through slots in PostgreSQL (send_slots), so every worker
 *   process keeps the same pace. The window, the number and the first
 *   attempt's slots are read and booked by the outbox claim itself
 *   (`claimPlan`, one statement); a retry books its own through the pacer.
 * - 429, 5xx, timeouts and network errors are retried here a few times
 *   (Retry-After honoured up to a cap), then left to the outbox's retry; a
 *   4xx about the message itself is a PermanentSendError.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import { saveChannelState } from '../../repositories/channel-state.repository.js';
import { PermanentSendError, type ChannelSender, type OutboundMessage } from '../channel-sender.js';
import type { SendClaimPlan } from '../../repositories/outbox.repository.js';
import { PacingBusyError, type SendPacer } from '../send-pacer.js';
import { graphPost, type GraphFetch, type GraphResponse } from './graph-post.js';

export const WHATSAPP_CLOUD_CHANNEL = 'whatsapp_cloud';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Graph error: the free-form window is closed ("Re-engagement message"). */
const OUTSIDE_WINDOW_ERROR = 131047;

export interface WhatsappCloudSenderConfig {
  accessToken: string;
  /** The default sending number. */
  phoneNumberId: string;
  /** Every business number of the app (default: `phoneNumberId` alone); the first is the default. */
  phoneNumberIds?: readonly string[];
  /** Without a trailing slash. */
  graphUrl: string;
  /** e.g. `v21.0`. */
  apiVersion: string;
  /** The approved template sent outside the 24-hour window; null: no template (such replies fail). */
  templateName: string | null;
  /** The template's language code, e.g. `en` or `hi`. */
  templateLanguage: string;
  /** Minimum gap between two sends to one recipient, ms. */
  sendGapMs: number;
}

export interface WhatsappCloudSenderOptions {
  /** Messages per second per sending number. Default 80 (WhatsApp's default tier). */
  numberRatePerSecond?: number;
  /** HTTP attempts per send before the outbox retries later. Default 3. */
  attempts?: number;
  /** First retry delay, doubled each time, ms. Default 500. */
  retryBaseMs?: number;
  /** Longest Retry-After honoured in-process, ms. Default 10 000. */
  maxRetryAfterMs?: number;
  /** Per request, ms. Default 15 000. */
  timeoutMs?: number;
  /** The free-form window, ms. Default 24 h. */
  windowMs?: number;
}

export interface WhatsappCloudSenderDeps {
  db: Kysely<DB>;
  config: WhatsappCloudSenderConfig;
  pacer: SendPacer;
  log: Logger;
  /** Default: graphPost (node's http/https, connections kept alive); the global fetch fits too. */
  fetch?: GraphFetch;
}

type Payload = Record<string, unknown>;

class RetryableSendError extends Error {
  override readonly name = 'RetryableSendError';
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

class GraphRefusal extends Error {
  override readonly name = 'GraphRefusal';
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

export function createWhatsappCloudSender(
  deps: WhatsappCloudSenderDeps,
  options: WhatsappCloudSenderOptions = {},
): ChannelSender {
  const cfg = deps.config;
  const opt = {
    numberGapMs: 1000 / (options.numberRatePerSecond ?? 80),
    attempts: options.attempts ?? 3,
    retryBaseMs: options.retryBaseMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    timeoutMs: options.timeoutMs ?? 15_000,
    windowMs: options.windowMs ?? DAY_MS,
  };
  const doFetch = deps.fetch ?? graphPost;
  const numbers =
    cfg.phoneNumberIds !== undefined && cfg.phoneNumberIds.length > 0
      ? [...new Set(cfg.phoneNumberIds)]
      : [cfg.phoneNumberId];
  const urlOf = (number: string) =>
    `${cfg.graphUrl}/${cfg.apiVersion}/${encodeURIComponent(number)}/messages`;
  const NUMBER_KEY = 'whatsapp-cloud:number:';
  const TO_KEY = 'whatsapp-cloud:to:';
  const claimPlan: SendClaimPlan = {
    accounts: numbers,
    accountKeyPrefix: NUMBER_KEY,
    accountGapMs: opt.numberGapMs,
    recipientKeyPrefix: TO_KEY,
    recipientGapMs: cfg.sendGapMs,
    maxWaitMs: deps.pacer.maxWaitMs ?? 15_000,
  };
  const log = deps.log.child({ channel: WHATSAPP_CLOUD_CHANNEL });
  let lastState: string | null = null;

  const noteState = (state: 'ok' | 'send_failing', detail: string | null) => {
    if (state === lastState) return;
    lastState = state;
    saveChannelState(deps.db, { channel: WHATSAPP_CLOUD_CHANNEL, state, detail }).catch(
      (error: unknown) => log.warn({ err: error }, 'could not record the whatsapp-cloud state'),
    );
  };

  /** `booked`: the first attempt's slot, booked by the outbox claim (null: refused there). */
  const post = async (
    to: string,
    number: string,
    payload: Payload,
    booked?: Date | null,
  ): Promise<string> => {
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= opt.attempts; attempt += 1) {
      if (attempt === 1 && booked !== undefined) {
        if (booked === null) {
          throw new PacingBusyError(`send pacing: more than ${claimPlan.maxWaitMs} ms queued`);
        }
        const delay = booked.getTime() - Date.now();
        if (delay > 0) await sleep(delay);
      } else {
        await deps.pacer.wait(`${TO_KEY}${to}`, cfg.sendGapMs);
        await deps.pacer.wait(`${NUMBER_KEY}${number}`, opt.numberGapMs);
      }
      try {
        return await postOnce(number, payload);
      } catch (error) {
        if (!(error instanceof RetryableSendError)) throw error;
        lastError = error;
        log.warn({ err: error, attempt }, 'whatsapp-cloud send failed; retrying');
        if (attempt < opt.attempts) {
          const backoff = opt.retryBaseMs * 2 ** (attempt - 1);
          await sleep(Math.min(Math.max(backoff, error.retryAfterMs ?? 0), opt.maxRetryAfterMs));
        }
      }
    }
    throw new Error(
      `whatsapp-cloud send failed after ${opt.attempts} attempts: ${lastError?.message ?? ''}`,
    );
  };

  const postOnce = async (number: string, payload: Payload): Promise<string> => {
    let res: GraphResponse;
    try {
      res = await doFetch(urlOf(number), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${cfg.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(opt.timeoutMs),
      });
    } catch (error) {
      throw new RetryableSendError(
        `Graph API unreachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // a proxy's HTML error page: judged by the status alone
    }
    if (res.ok) {
      const id = (body as { messages?: { id?: unknown }[] } | null)?.messages?.[0]?.id;
      if (typeof id !== 'string' || id === '') {
        throw new RetryableSendError(`Graph API answered ${res.status} without a message id`);
      }
      return id;
    }
    const graphError = (body as { error?: { message?: unknown; code?: unknown } } | null)?.error;
    const message = `Graph API ${res.status}: ${typeof graphError?.message === 'string' ? graphError.message : text.slice(0, 200)}`;
    // 401: a token problem an operator fixes; retry later rather than fail the reply.
    if (res.status === 429 || res.status >= 500 || res.status === 401 || res.status === 408) {
      throw new RetryableSendError(message, retryAfter(res.headers.get('retry-after')));
    }
    throw new GraphRefusal(message, typeof graphError?.code === 'number' ? graphError.code : null);
  };

  const templatePayload = (to: string, message: OutboundMessage): Payload | null =>
    cfg.templateName === null
      ? null
      : {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          biz_opaque_callback_data: message.id,
          type: 'template',
          template: {
            name: cfg.templateName,
            language: { code: cfg.templateLanguage },
            components: [
              {
                type: 'body',
                parameters: [{ type: 'text', text: toTemplateParameter(message.body) }],
              },
            ],
          },
        };

  const noTemplate = () =>
    new PermanentSendError(
      'outside the 24-hour window and no template is configured (WHATSAPP_CLOUD_TEMPLATE_NAME)',
    );

  const send = async (message: OutboundMessage): Promise<{ externalId: string }> => {
    const to = message.recipient.replace(/\D/g, '');
    if (to === '') throw new PermanentSendError(`not a phone number: ${message.recipient}`);
    // Read and booked by the outbox claim, or read here (a send not through sendOutbox's claim).
    const claimed = message.claimed ?? (await lastInbound(message.recipient));
    const inWindow =
      claimed.lastInboundAt !== null && Date.now() - claimed.lastInboundAt.getTime() < opt.windowMs;
    const number = claimed.account;
    const booked = message.claimed?.slotAt;
    const textPayload: Payload = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      // Graph takes no idempotency key; the outbox id rides along so status webhooks and
      // the provider's logs can tell a repeated send (docs/operations.md "Replies").
      biz_opaque_callback_data: message.id,
      type: 'text',
      text: { preview_url: false, body: message.body.slice(0, 4096) },
    };
    if (!inWindow) {
      const template = templatePayload(to, message);
      if (template === null) throw noTemplate();
      return { externalId: await post(to, number, template, booked) };
    }
    try {
      return { externalId: await post(to, number, textPayload, booked) };
    } catch (error) {
      if (error instanceof GraphRefusal && error.code === OUTSIDE_WINDOW_ERROR) {
        const template = templatePayload(to, message);
        if (template === null) throw noTemplate();
        return { externalId: await post(to, number, template) };
      }
      throw error;
    }
  };

  /** The recipient's last message: when, and the number it was sent to when that is ours. */
  const lastInbound = async (
    recipient: string,
  ): Promise<{ lastInboundAt: Date | null; account: string }> => {
    const row = await deps.db
      .selectFrom('inbound_messages')
      .select(['received_at', 'channel_account'])
      .where('channel', '=', 'whatsapp')
      .where('sender', '=', recipient)
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const account = row?.channel_account;
    return {
      lastInboundAt: row === undefined ? null : new Date(row.received_at),
      account: account != null && numbers.includes(account) ? account : numbers[0]!,
    };
  };

  return {
    claimPlan,
    async send(message) {
      try {
        const sent = await send(message);
        noteState('ok', null);
        return sent;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (error instanceof GraphRefusal) {
          noteState('ok', null);
          throw new PermanentSendError(text);
        }
        if (!(error instanceof PermanentSendError) && !(error instanceof PacingBusyError)) {
          noteState('send_failing', text);
        }
        throw error;
      }
    },
  };
}

/**
 * A template parameter may not hold newlines, tabs or more than four spaces
 * in a row, and is kept short: lines are joined with " | ".
 */
export function toTemplateParameter(body: string): string {
  const flat = body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' | ')
    .replace(/\s{2,}/g, ' ');
  return flat.length > 1000 ? `${flat.slice(0, 999)}…` : flat;
}

function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
