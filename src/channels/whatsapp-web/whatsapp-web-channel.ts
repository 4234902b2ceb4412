/**
 * The whatsapp-web.js channel: one linked WhatsApp number driven through
 * WhatsApp Web in Debian's Chromium.
 *
 * States: starting → qr_needed (scan the QR: printed in the terminal, served
 * to the console) → authenticated → connected; disconnected (reconnecting
 * with exponential backoff, a fresh Client each time: a destroyed Client is
 * not reused); auth_failure; stopped. The state is written to
 * channel_states on every change and a heartbeat every `heartbeatMs`, so
 * /health and the console in any process see it.
 *
 * Exactly one process may own a session folder: start this only where
 * WHATSAPP_WEB_ENABLED is set (the worker role; see README "WhatsApp").
 *
 * Inbound: every message the library emits goes to ingestion (dedupe on the
 * message id, so a replay after a reconnect stores nothing new). The
 * library does not redeliver what it emitted, so a failed store is retried
 * here a few times before it is logged as lost.
 *
 * Outbound: `sender` paces sends per recipient through the shared pacer,
 * retries a failing sendMessage a few times, and throws (retryable) while
 * not connected so the outbox tries again later. Acks from the phone
 * (`message_ack`) become the outbox row's delivery status.
 */
import QRCode from 'qrcode';
import qrcodeTerminal from 'qrcode-terminal';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB, DeliveryStatus } from '../../db/schema.js';
import type { IngestMessageInput, IngestMessageResult } from '../../services/ingest-message.js';
import { recordFailure } from '../../metrics/channel-metrics.js';
import {
  saveChannelState,
  touchChannelState,
} from '../../repositories/channel-state.repository.js';
import { recordDeliveryStatus } from '../../repositories/delivery-status.repository.js';
import type { ChannelSender } from '../channel-sender.js';
import type { SendPacer } from '../send-pacer.js';
import { readWwebMessage } from './read-wweb-message.js';
import type { WwebClient, WwebMessage } from './wweb-client.js';

export const WHATSAPP_WEB_CHANNEL = 'whatsapp_web';

export type WhatsappWebState =
  | 'starting'
  | 'qr_needed'
  | 'authenticated'
  | 'connected'
  | 'disconnected'
  | 'auth_failure'
  | 'stopped';

export interface WhatsappWebOptions {
  /** Take group messages (sender: the participant). Default false. */
  allowGroups?: boolean;
  /** Minimum gap between two sends to one recipient, ms. Default 1000. */
  sendGapMs?: number;
  /** sendMessage attempts per send before the outbox retries later. Default 3. */
  sendAttempts?: number;
  /** First retry delay of a failed sendMessage, doubled each time, ms. Default 1000. */
  sendRetryMs?: number;
  /** First reconnect delay, doubled per failed attempt, ms. Default 2000. */
  reconnectInitialMs?: number;
  /** Longest reconnect delay, ms. Default 5 minutes. */
  reconnectMaxMs?: number;
  /** Heartbeat written to channel_states, ms. Default 30 000. */
  heartbeatMs?: number;
  /** Tries to store one inbound message before giving up. Default 5 (0.5 s, 1 s, 2 s, 4 s apart). */
  ingestAttempts?: number;
  ingestRetryMs?: number;
  /** Largest file kept with its content, bytes. Default 32 MiB (the per-kind limits are lower). */
  maxFileBytes?: number;
}

export interface WhatsappWebDeps {
  db: Kysely<DB>;
  ingest: (input: IngestMessageInput) => Promise<IngestMessageResult>;
  /** Builds a new Client; called again for every reconnect. */
  createClient: () => WwebClient;
  pacer: SendPacer;
  log: Logger;
  /** Shows the QR to whoever runs the process. Default: qrcode-terminal on stdout. */
  printQr?: (qr: string) => void;
}

export interface WhatsappWebChannel {
  /** Connects (in the background); resolves once the first initialize is under way. */
  start(): void;
  /** Destroys the client and stops reconnecting and the heartbeat. */
  stop(): Promise<void>;
  state(): { state: WhatsappWebState; since: Date; detail: string | null };
  /** The current QR as a `data:image/png;base64,...` URL while `qr_needed`, else null. */
  qrDataUrl(): string | null;
  /** The outbox's sender for channel `whatsapp` through this session. */
  sender: ChannelSender;
}

/** Library ack numbers → delivery status (0 = pending on the phone: nothing to record). */
const ACK_STATUS: Readonly<Record<number, DeliveryStatus>> = {
  [-1]: 'failed',
  1: 'sent',
  2: 'delivered',
  3: 'read',
  4: 'read',
};

export function createWhatsappWebChannel(
  deps: WhatsappWebDeps,
  options: WhatsappWebOptions = {},
): WhatsappWebChannel {
  const opt = {
    allowGroups: options.allowGroups ?? false,
    sendGapMs: options.sendGapMs ?? 1_000,
    sendAttempts: options.sendAttempts ?? 3,
    sendRetryMs: options.sendRetryMs ?? 1_000,
    reconnectInitialMs: options.reconnectInitialMs ?? 2_000,
    reconnectMaxMs: options.reconnectMaxMs ?? 300_000,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    ingestAttempts: options.ingestAttempts ?? 5,
    ingestRetryMs: options.ingestRetryMs ?? 500,
    maxFileBytes: options.maxFileBytes ?? 32 * 1024 * 1024,
  };
  const log = deps.log.child({ channel: WHATSAPP_WEB_CHANNEL });
  const printQr =
    deps.printQr ??
    ((qr: string) =>
      qrcodeTerminal.generate(qr, { small: true }, (art) =>
        process.stdout.write(`Scan this QR with WhatsApp (Linked devices) to connect:\n${art}\n`),
      ));

  let client: WwebClient | null = null;
  let current = {
    state: 'stopped' as WhatsappWebState,
    since: new Date(),
    detail: null as string | null,
  };
  let qr: string | null = null;
  let stopped = false;
  let failedAttempts = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  // State writes are chained so PostgreSQL sees them in the order they happened.
  let writes: Promise<void> = Promise.resolve();

  const persist = (write: () => Promise<void>) => {
    writes = writes.then(write).catch((error: unknown) => {
      log.warn({ err: error }, 'could not record the whatsapp-web state');
    });
  };

  const setState = (
    state: WhatsappWebState,
    detail: string | null = null,
    qrDataUrl: string | null = null,
  ) => {
    if (state !== current.state) current = { state, since: new Date(), detail };
    else current = { ...current, detail };
    qr = state === 'qr_needed' ? qrDataUrl : null;
    log.info({ state, detail }, 'whatsapp-web state');
    persist(() =>
      saveChannelState(deps.db, { channel: WHATSAPP_WEB_CHANNEL, state, detail, qrDataUrl: qr }),
    );
  };

  const connect = () => {
    const next = deps.createClient();
    client = next;
    // Events of a replaced client (late 'disconnected', a last 'message') are ignored.
    const live = () => client === next && !stopped;
    next.on('qr', (value) => {
      if (!live() || typeof value !== 'string') return;
      printQr(value);
      QRCode.toDataURL(value).then(
        (dataUrl) => {
          if (live()) setState('qr_needed', 'scan the QR with WhatsApp > Linked devices', dataUrl);
        },
        (error: unknown) => {
          log.warn({ err: error }, 'could not render the QR');
          if (live()) setState('qr_needed', 'scan the QR in the terminal');
        },
      );
    });
    next.on('authenticated', () => {
      if (live()) setState('authenticated');
    });
    next.on('auth_failure', (message) => {
      if (!live()) return;
      setState('auth_failure', String(message));
      scheduleReconnect();
    });
    next.on('ready', () => {
      if (!live()) return;
      failedAttempts = 0;
      setState('connected');
    });
    next.on('disconnected', (reason) => {
      if (!live()) return;
      setState('disconnected', `disconnected: ${String(reason)}`);
      scheduleReconnect();
    });
    next.on('message', (message) => {
      if (live()) void receive(message as WwebMessage);
    });
    next.on('message_ack', (message, ack) => {
      if (live()) void acknowledge(message as WwebMessage, ack);
    });
    next.initialize().catch((error: unknown) => {
      if (!live()) return;
      const text = error instanceof Error ? error.message : String(error);
      setState('disconnected', `initialize failed: ${text}`);
      scheduleReconnect();
    });
  };

  const scheduleReconnect = () => {
    if (stopped || reconnectTimer !== null) return;
    failedAttempts += 1;
    const delay = Math.min(opt.reconnectInitialMs * 2 ** (failedAttempts - 1), opt.reconnectMaxMs);
    log.info({ attempt: failedAttempts, delayMs: delay }, 'whatsapp-web reconnecting');
    const old = client;
    client = null;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void (async () => {
        await old?.destroy().catch((error: unknown) => log.debug({ err: error }, 'destroy failed'));
        if (stopped) return;
        setState('starting', `reconnect attempt ${failedAttempts}`);
        connect();
      })();
    }, delay);
  };

  const receive = async (message: WwebMessage) => {
    let read;
    try {
      read = await readWwebMessage(message, {
        allowGroups: opt.allowGroups,
        maxFileBytes: opt.maxFileBytes,
      });
    } catch (error) {
      recordFailure('whatsapp', 'in');
      log.error(
        { err: error, id: message.id?._serialized },
        'could not read a whatsapp-web message',
      );
      return;
    }
    if (!read.ok) {
      log.debug(
        { id: message.id._serialized, skipped: read.skipped },
        'whatsapp-web message skipped',
      );
      return;
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deps.ingest({
          channel: 'whatsapp',
          externalId: read.externalId,
          sender: read.sender,
          text: read.text,
          attachments: read.attachments,
          files: read.files,
          receivedAt: read.receivedAt,
        });
        return;
      } catch (error) {
        if (attempt >= opt.ingestAttempts) {
          log.error(
            { err: error, id: read.externalId },
            'whatsapp-web message lost: could not be stored',
          );
          return;
        }
        await sleep(opt.ingestRetryMs * 2 ** (attempt - 1));
      }
    }
  };

  const acknowledge = async (message: WwebMessage, ack: unknown) => {
    const status = typeof ack === 'number' ? ACK_STATUS[ack] : undefined;
    if (status === undefined || message?.id?.fromMe !== true) return;
    try {
      await recordDeliveryStatus(deps.db, {
        externalId: message.id._serialized,
        status,
        at: new Date(),
        error: status === 'failed' ? 'WhatsApp reported an error for this message' : null,
      });
    } catch (error) {
      log.warn({ err: error }, 'could not record a whatsapp-web ack');
    }
  };

  const sender: ChannelSender = {
    async send(message) {
      const chatId = toChatId(message.recipient);
      let lastError: unknown = null;
      for (let attempt = 1; attempt <= opt.sendAttempts; attempt += 1) {
        // Every attempt takes a slot: a retry must not land on the recipient right after the previous send.
        await deps.pacer.wait(`whatsapp-web:to:${chatId}`, opt.sendGapMs);
        const active = client;
        if (active === null || current.state !== 'connected') {
          throw new Error(`whatsapp-web is not connected (state ${current.state}); will retry`);
        }
        try {
          const sent = await active.sendMessage(chatId, message.body);
          return { externalId: sent.id._serialized };
        } catch (error) {
          lastError = error;
          log.warn({ err: error, attempt, outboxId: message.id }, 'whatsapp-web send failed');
          if (attempt < opt.sendAttempts) await sleep(opt.sendRetryMs * 2 ** (attempt - 1));
        }
      }
      const text = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`whatsapp-web send failed after ${opt.sendAttempts} attempts: ${text}`);
    },
  };

  return {
    start() {
      if (client !== null || reconnectTimer !== null) return;
      stopped = false;
      setState('starting');
      heartbeat = setInterval(
        () => persist(() => touchChannelState(deps.db, WHATSAPP_WEB_CHANNEL)),
        opt.heartbeatMs,
      );
      heartbeat.unref();
      connect();
    },
    async stop() {
      stopped = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
      const old = client;
      client = null;
      await old?.destroy().catch((error: unknown) => log.debug({ err: error }, 'destroy failed'));
      setState('stopped');
      await writes;
    },
    state: () => ({ ...current }),
    qrDataUrl: () => qr,
    sender,
  };
}

/** `+919876543210` → `919876543210@c.us`; a WhatsApp id (`...@lid`) is used as is. */
export function toChatId(recipient: string): string {
  if (recipient.includes('@')) return recipient;
  const digits = recipient.replace(/\D/g, '');
  return `${digits}@c.us`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
