/**
 * The export worker's step: claim due export deliveries, send each order to
 * its target, and record the outcome (docs/accounting.md "Export").
 *
 * - webhook: POST `{"event": "order.confirmed", "order": <GET /api/orders/{id}>}`, signed,
 *   with `Idempotency-Key: <order id>:<version>`; a 2xx answer is the acknowledgement.
 * - csv, xlsx, tally: one file per order version in the target's folder, written under a
 *   temporary name and renamed, so a half-written file is never picked up; a file already
 *   there counts as delivered (a replay writes nothing twice).
 *
 * Anything else is retried after 2 s, doubling per attempt (at most 10 minutes); after
 * `maxAttempts` the delivery is dead: it shows in the console's export page to be sent again.
 */
import type { Kysely } from 'kysely';
import type { DB, JsonObject } from '../../db/schema.js';
import {
  claimDueExports,
  markExportDead,
  markExportDelivered,
  markExportRetry,
  type ClaimedExport,
} from '../../repositories/export.repository.js';
import {
  findOrderDocument,
  type OrderDocument,
} from '../../repositories/read-models/order-document.read-model.js';
import { findOrderExportSheet } from '../../repositories/read-models/order-export-sheet.read-model.js';
import { writeOrderFile } from './order-files.js';
import { webhookSecret } from './export-target-config.js';
import { signExportBody } from './sign-webhook.js';

export interface DeliverExportsDeps {
  db: Kysely<DB>;
  fetch?: typeof fetch;
}

export interface DeliverExportsOptions {
  /** Deliveries taken per call. Default 20. */
  limit?: number;
  /** A claim's lease: a worker dying mid-delivery leaves it to be retried after this. Default 60 s. */
  leaseMs?: number;
  /** Tries before a delivery is dead. Default 10. */
  maxAttempts?: number;
  /** Per webhook call. Default 15 s. */
  timeoutMs?: number;
  /** The first retry's wait; doubled per attempt up to 10 minutes. Default 2 s. */
  retryBaseMs?: number;
}

export interface DeliverExportsResult {
  delivered: number;
  retried: number;
  dead: number;
}

type Outcome =
  | { ok: true; responseStatus: number | null; location: string | null }
  | { ok: false; error: string; responseStatus: number | null };

export async function deliverDueExports(
  deps: DeliverExportsDeps,
  options: DeliverExportsOptions = {},
): Promise<DeliverExportsResult> {
  const maxAttempts = options.maxAttempts ?? 10;
  const claimed = await claimDueExports(deps.db, options.limit ?? 20, options.leaseMs ?? 60_000);
  const result: DeliverExportsResult = { delivered: 0, retried: 0, dead: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const outcome = await deliverOne(deps, row, options.timeoutMs ?? 15_000);
      if (outcome.ok) {
        await markExportDelivered(deps.db, row.id, outcome);
        result.delivered += 1;
      } else if (row.attempts >= maxAttempts) {
        await markExportDead(
          deps.db,
          row.id,
          `${outcome.error} (after ${row.attempts} attempts)`,
          outcome.responseStatus,
        );
        result.dead += 1;
      } else {
        const delayMs = Math.min(2 ** (row.attempts - 1) * (options.retryBaseMs ?? 2_000), 600_000);
        await markExportRetry(
          deps.db,
          row.id,
          outcome.error,
          outcome.responseStatus,
          new Date(Date.now() + delayMs),
        );
        result.retried += 1;
      }
    }),
  );
  return result;
}

async function deliverOne(
  deps: DeliverExportsDeps,
  row: ClaimedExport,
  timeoutMs: number,
): Promise<Outcome> {
  const order = await findOrderDocument(deps.db, row.order_id);
  if (order === undefined) return { ok: false, error: 'the order is gone', responseStatus: null };
  // The version confirmed is the one exported; a later edit queues its own delivery.
  if (order.version !== row.order_version) {
    return { ok: true, responseStatus: null, location: `superseded by version ${order.version}` };
  }
  try {
    switch (row.kind) {
      case 'webhook':
        return await postWebhook(deps.fetch ?? fetch, row.config, row, order, timeoutMs);
      case 'csv':
      case 'xlsx':
      case 'tally': {
        const sheet = await findOrderExportSheet(deps.db, row.order_id);
        if (sheet === undefined)
          return { ok: false, error: 'the order has no dealer', responseStatus: null };
        const location = await writeOrderFile(row.kind, row.config, sheet);
        return { ok: true, responseStatus: null, location };
      }
    }
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      responseStatus: null,
    };
  }
}

async function postWebhook(
  doFetch: typeof fetch,
  config: JsonObject,
  row: ClaimedExport,
  order: OrderDocument,
  timeoutMs: number,
): Promise<Outcome> {
  const url = typeof config['url'] === 'string' ? config['url'] : null;
  const secret = webhookSecret(config, process.env);
  if (url === null || secret === null) {
    return {
      ok: false,
      error:
        typeof config['secret_env'] === 'string'
          ? `the variable ${config['secret_env']} holding the secret is not set`
          : 'the target has no url or secret',
      responseStatus: null,
    };
  }
  const body = JSON.stringify({ event: 'order.confirmed', order });
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-orderdesk-signature': signExportBody(secret, body),
        'idempotency-key': `${row.order_id}:${row.order_version}`,
        'user-agent': 'OrderDesk-Export/1',
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      ok: false,
      error: `unreachable: ${error instanceof Error ? error.message : String(error)}`,
      responseStatus: null,
    };
  }
  const text = await res.text().catch(() => '');
  if (res.status >= 200 && res.status < 300) {
    return { ok: true, responseStatus: res.status, location: url };
  }
  return {
    ok: false,
    error: `answered ${res.status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`,
    responseStatus: res.status,
  };
}
