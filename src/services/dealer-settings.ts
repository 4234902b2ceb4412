/**
 * A dealer's settings, changed without SQL (console dealer page, `cli dealer
 * set`): credit policy and overdue days, a temporary credit limit, reply
 * language, active, auto-confirm and rollout. Checked by one zod schema, then
 * written in one transaction under the dealer's credit lock (a confirmation
 * in flight sees the settings before or after, never half), with one audit
 * event listing each field's old and new value.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  CREDIT_POLICIES,
  ROLLOUTS,
  type DB,
  type JsonObject,
  type Updateable,
} from '../db/schema.js';
import { AppError } from '../domain/app-error.js';
import { parseMinor } from '../domain/money.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { lockDealerCredit } from '../repositories/credit.repository.js';
import { LANGUAGES } from '../../templates/index.js';

const yesNo = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? ({ yes: true, no: false, true: true, false: false, on: true, off: false }[
          v.trim().toLowerCase()
        ] ?? v)
      : v,
  z.boolean({ error: 'must be yes or no' }),
);

/** Every field optional: only those given change. Strings as a form or the CLI sends them. */
export const dealerSettingsSchema = z
  .object({
    creditPolicy: z.enum(CREDIT_POLICIES, { error: `must be ${CREDIT_POLICIES.join(' or ')}` }),
    /** Days an invoice may be overdue before orders are held; "" or "none": no rule. */
    overdueDays: z.preprocess(
      (v) => (v === '' || v === 'none' ? null : typeof v === 'string' ? Number(v) : v),
      z.number({ error: 'must be a number of days' }).int().min(1).max(365).nullable(),
    ),
    language: z.enum(
      Object.keys(LANGUAGES).map((l) => (l === 'hi-latn' ? 'hi-Latn' : l)) as [string, ...string[]],
      {
        error: `must be one of ${Object.keys(LANGUAGES).join(', ')}`,
      },
    ),
    active: yesNo,
    autoConfirm: yesNo,
    rollout: z.enum(ROLLOUTS, { error: `must be ${ROLLOUTS.join(', ')}` }),
    /** A temporary credit limit in rupees ("50000.00") until a day; null clears it. */
    tempLimit: z
      .object({
        amount: z.string().transform((s, ctx) => {
          const minor = parseMinor(s.trim());
          if (minor === null || minor < 0n) {
            ctx.addIssue({ code: 'custom', message: 'must be an amount like 50000.00' });
            return z.NEVER;
          }
          return minor;
        }),
        until: z.iso.date({ error: 'must be a day YYYY-MM-DD' }),
      })
      .nullable(),
  })
  .partial()
  .strict();
export type DealerSettingsInput = z.input<typeof dealerSettingsSchema>;

/** Settings kept on the dealer row: field, column, and its name in the audit ("language: en → hi"). */
const DEALER_COLUMNS = [
  ['creditPolicy', 'credit_policy', 'credit policy'],
  ['overdueDays', 'overdue_days', 'overdue days'],
  ['language', 'language', 'language'],
  ['active', 'active', 'active'],
  ['autoConfirm', 'auto_confirm', 'auto-confirm'],
  ['rollout', 'rollout', 'rollout'],
] as const satisfies readonly (readonly [
  keyof z.output<typeof dealerSettingsSchema>,
  keyof DB['dealers'],
  string,
])[];

export interface SetDealerSettingsResult {
  /** Field → [before, after], as strings; empty when nothing changed. */
  changed: Record<string, [string, string]>;
}

const show = (v: unknown): string =>
  v === null || v === undefined ? 'none' : v instanceof Date ? v.toISOString() : String(v);

export async function setDealerSettings(
  db: Kysely<DB>,
  input: { dealerCode: string; settings: DealerSettingsInput; actor: string; now?: Date },
): Promise<SetDealerSettingsResult> {
  const s = dealerSettingsSchema.parse(input.settings);
  return db.transaction().execute(async (trx) => {
    const credit = await lockDealerCredit(trx, input.dealerCode);
    const dealer = await trx
      .selectFrom('dealers')
      .selectAll()
      .where('code', '=', input.dealerCode)
      .forUpdate()
      .executeTakeFirst();
    if (!dealer || !credit)
      throw new AppError('NOT_FOUND', `no dealer with code ${input.dealerCode}`);
    const changed: Record<string, [string, string]> = {};
    const note = (field: string, before: unknown, after: unknown) => {
      if (show(before) !== show(after)) changed[field] = [show(before), show(after)];
    };
    const update: Record<string, unknown> = {};
    for (const [key, column, label] of DEALER_COLUMNS) {
      const value = s[key];
      if (value === undefined) continue;
      note(label, dealer[column], value);
      update[column] = value;
    }
    if (Object.keys(update).length > 0) {
      await trx
        .updateTable('dealers')
        .set(update as Updateable<DB['dealers']>)
        .where('code', '=', dealer.code)
        .execute();
    }
    if (s.tempLimit !== undefined) {
      const until =
        s.tempLimit === null ? null : new Date(`${s.tempLimit.until}T23:59:59.999+05:30`);
      note(
        'temporary limit',
        credit.temp_limit_minor === null
          ? null
          : `${credit.temp_limit_minor} until ${show(credit.temp_limit_expires_at)}`,
        s.tempLimit === null ? null : `${s.tempLimit.amount} until ${show(until)}`,
      );
      await trx
        .updateTable('dealer_credit')
        .set({
          temp_limit_minor: s.tempLimit?.amount ?? null,
          temp_limit_expires_at: until,
        })
        .where('dealer_code', '=', dealer.code)
        .execute();
    }
    if (Object.keys(changed).length > 0) {
      await recordAuditEvents(trx, [
        {
          entityType: 'dealer',
          entityId: dealer.code,
          action: 'settings_changed',
          actor: input.actor,
          reason: Object.entries(changed)
            .map(([k, [a, b]]) => `${k}: ${a} → ${b}`)
            .join('; '),
          data: changed as unknown as JsonObject,
        },
      ]);
    }
    return { changed };
  });
}
