/**
 * Ops take back a word the service learned from a review ("piece" → a 10 L emulsion was a
 * mistake): the alias row goes, and the audit trail says who removed what.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../domain/app-error.js';
import { inTransaction } from '../db/transaction.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';

export interface ForgetAliasInput {
  dealerCode: string;
  aliasId: string;
  actor: string;
}

/** Deletes one of the dealer's learned aliases; NOT_FOUND when it is not theirs or is gone. */
export async function forgetAlias(
  db: Kysely<DB>,
  input: ForgetAliasInput,
): Promise<{ alias: string }> {
  if (!/^\d{1,18}$/.test(input.aliasId)) throw new AppError('NOT_FOUND', 'no such learned alias');
  return inTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom('learned_aliases')
      .where('id', '=', BigInt(input.aliasId))
      .where('dealer_code', '=', input.dealerCode)
      .returning(['alias', 'sku'])
      .executeTakeFirst();
    if (!removed) throw new AppError('NOT_FOUND', 'no such learned alias for this dealer');
    await recordAuditEvents(trx, [
      {
        entityType: 'dealer',
        entityId: input.dealerCode,
        action: 'alias_forgotten',
        actor: input.actor,
        reason: `“${removed.alias}” no longer names ${removed.sku}`,
        data: { alias: removed.alias, sku: removed.sku },
      },
    ]);
    return { alias: removed.alias };
  });
}
