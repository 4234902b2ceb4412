/**
 * The export worker: every `intervalMs`, delivers the due rows of the
 * export outbox (src/services/export/deliver-exports.ts). It polls
 * PostgreSQL rather than a queue: the outbox is the truth, and a Redis flush
 * or restart cannot lose an export. Several processes polling is safe
 * (SKIP LOCKED claims); a full batch is followed at once by the next one.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../src/db/schema.js';
import {
  deliverDueExports,
  type DeliverExportsOptions,
} from '../src/services/export/deliver-exports.js';

export interface ExportPollerDeps {
  db: Kysely<DB>;
  log: Logger;
  /** Default 1 s. */
  intervalMs?: number;
  options?: DeliverExportsOptions;
  fetch?: typeof fetch;
}

export interface ExportPoller {
  /** One pass now (tests). */
  runOnce(): Promise<void>;
  close(): Promise<void>;
}

export function startExportPoller(deps: ExportPollerDeps): ExportPoller {
  const limit = deps.options?.limit ?? 20;
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = async () => {
    for (;;) {
      const r = await deliverDueExports(
        { db: deps.db, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) },
        { ...deps.options, limit },
      );
      if (r.delivered + r.retried + r.dead > 0) deps.log.info(r, 'export deliveries');
      if (stopped || r.delivered + r.retried + r.dead < limit) return;
    }
  };
  const runOnce = (): Promise<void> => {
    running ??= pass()
      .catch((error: unknown) => deps.log.warn({ err: error }, 'export pass failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), deps.intervalMs ?? 1_000);
  return {
    runOnce,
    async close() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
