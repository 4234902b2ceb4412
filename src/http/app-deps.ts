/**
 * What the HTTP app needs, handed in by main.ts (or a test). It holds only
 * what the routes use: the database for reads and auth, the ingest use-case
 * for what arrives, the health checks, a logger.
 */
import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FrozenConfig } from '../config/index.js';
import type { Channel, DB, JsonValue } from '../db/schema.js';
import type { HealthChecks } from './health/health-checks.js';
import type { ConsoleOptions } from './console/console-deps.js';
import type { JobQueue } from '../queues/job-catalog.js';

/**
 * One message as a channel hands it to the pipeline: the part of services'
 * `IngestMessageInput` the HTTP channels use.
 */
export interface IngestInput {
  channel: Channel;
  /** The channel's id for the message; a redelivery with the same id is a no-op. */
  externalId: string;
  /** Phone, address, or the dealer code for webchat and transcript. */
  sender: string;
  /** Set when the channel already knows the dealer (webchat, transcript). */
  dealerCode?: string;
  /** Raw bytes are decoded by ingestion: invalid UTF-8 is replaced and flagged, never refused. */
  text: string | Uint8Array;
  subject?: string;
  /** Stored as JSON on the message: `[{ filename, content_type, size }]`, or what a review action notes. */
  attachments?: JsonValue[];
  receivedAt?: Date;
}

export interface IngestResult {
  messageId: string;
  /** true when this external id was stored before: nothing new was queued. */
  duplicate: boolean;
}

/** Stores the message in PostgreSQL, then queues it for parsing. */
export type IngestFn = (input: IngestInput) => Promise<IngestResult>;

export interface AppDeps {
  db: Kysely<DB>;
  /** Only `apiToken` is read: the bearer token always accepted (null: database tokens only). */
  config: Pick<FrozenConfig, 'apiToken'> & Partial<Pick<FrozenConfig, 'trustProxy'>>;
  logger: Logger;
  ingest: IngestFn;
  health: HealthChecks;
  /** Largest request body accepted (JSON, text or a transcript upload). Default `2mb`. */
  bodyLimit?: string;
  /** How often the web chat page polls for replies, ms. Default 2000. */
  webchatPollMs?: number;
  /** The ops console at /console (src/http/console/); not mounted when absent. */
  console?: ConsoleOptions;
  /** Queues replies written by API decisions (approvals); absent: the sweeper sends them. */
  jobs?: Pick<JobQueue, 'enqueue'> | null;
  /** Channel webhook routers (e.g. WhatsApp Cloud), mounted outside /api: they verify their own signatures. */
  webhooks?: Router[];
}
