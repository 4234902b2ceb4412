/**
 * Prometheus metrics of the channels: messages in and out, failures, and the
 * time of the last message, per channel. One registry per process; each
 * process counts what it did itself (ingest runs where a message arrives —
 * the API for webhooks and web chat, the worker for whatsapp-web and email;
 * sends run in workers), as Prometheus expects of every scraped instance.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export type MessageDirection = 'in' | 'out';

/** The registry `/metrics` serves. */
export const metricsRegistry = new Registry();

const received = new Counter({
  name: 'orderdesk_messages_received_total',
  help: 'Inbound messages stored, per channel (redeliveries not counted).',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

const duplicates = new Counter({
  name: 'orderdesk_messages_duplicate_total',
  help: 'Inbound deliveries of a message already stored (channel redeliveries), per channel.',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

const sent = new Counter({
  name: 'orderdesk_messages_sent_total',
  help: 'Replies the channel accepted, per channel.',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

const failures = new Counter({
  name: 'orderdesk_message_failures_total',
  help: 'Failures per channel: direction "in" (a message could not be stored or was refused, e.g. a bad webhook signature), "out" (a send attempt failed).',
  labelNames: ['channel', 'direction'] as const,
  registers: [metricsRegistry],
});

const lastMessage = new Gauge({
  name: 'orderdesk_last_message_timestamp_seconds',
  help: 'Unix time of the last message stored (in) or sent (out), per channel.',
  labelNames: ['channel', 'direction'] as const,
  registers: [metricsRegistry],
});

/** A message arrived on `channel`; `duplicate`: it was stored before. */
export function recordInbound(channel: string, duplicate = false): void {
  if (duplicate) {
    duplicates.inc({ channel });
    return;
  }
  received.inc({ channel });
  lastMessage.set({ channel, direction: 'in' }, Date.now() / 1000);
}

/** A reply on `channel` was accepted by the provider. */
export function recordOutbound(channel: string): void {
  sent.inc({ channel });
  lastMessage.set({ channel, direction: 'out' }, Date.now() / 1000);
}

export function recordFailure(channel: string, direction: MessageDirection): void {
  failures.inc({ channel, direction });
}

let processMetrics = false;

/** Adds Node's process metrics (CPU, memory, event loop lag) to the registry; once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'orderdesk_' });
}
