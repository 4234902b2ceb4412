/**
 * The export target the environment names (`ORDERDESK_EXPORT_WEBHOOK_URL` +
 * `_SECRET`), kept as a row of `export_targets` so confirmations queue it
 * like any other: created or updated at start-up, switched off when the
 * variable is gone.
 */
import type { Executor } from '../../db/transaction.js';
import { upsertExportTarget } from '../../repositories/export.repository.js';

export const ENV_WEBHOOK_TARGET = 'webhook (ORDERDESK_EXPORT_WEBHOOK_URL)';

export async function syncEnvExportTarget(
  db: Executor,
  webhook: { url: string; secret: string } | null,
): Promise<void> {
  if (webhook !== null) {
    await upsertExportTarget(db, {
      name: ENV_WEBHOOK_TARGET,
      kind: 'webhook',
      config: { url: webhook.url, secret: webhook.secret },
    });
    return;
  }
  await db
    .updateTable('export_targets')
    .set({ active: false })
    .where('name', '=', ENV_WEBHOOK_TARGET)
    .where('active', '=', true)
    .execute();
}
