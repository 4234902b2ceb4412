/**
 * What a target's `config` may hold, by kind — checked before it is saved,
 * so a typo in a Tally mapping file is found at `cli target set`, not at
 * the first confirmed order.
 *
 * - csv, xlsx: `{"folder"}`
 * - tally: `{"folder", "company"?, "sales_ledger"?, "tax_ledger"?, "rounding_ledger"?,
 *   "ledgers"?: {dealer code: ledger name}, "items"?: {SKU: stock item name}}`
 * - webhook: `{"url", "secret"}` or `{"url", "secret_env"}` (the name of an
 *   environment variable holding the secret, so it is not stored in the database)
 */
import { z } from 'zod';
import type { ExportTargetKind, JsonObject } from '../../db/schema.js';

const names = z.record(z.string().trim().min(1), z.string().trim().min(1, 'must not be empty'));

/** A Tally mapping file: ledger and stock item names, ledgers for tax and rounding. */
export const tallyMappingSchema = z
  .object({
    company: z.string().trim().min(1).optional(),
    sales_ledger: z.string().trim().min(1).optional(),
    tax_ledger: z.string().trim().min(1).optional(),
    rounding_ledger: z.string().trim().min(1).optional(),
    ledgers: names.optional(),
    items: names.optional(),
  })
  .strict();

const folder = z.string().trim().min(1, 'a folder is required');

const webhookConfig = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    secret: z.string().min(16, 'must be at least 16 characters').optional(),
    secret_env: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')
      .optional(),
  })
  .refine((c) => (c.secret === undefined) !== (c.secret_env === undefined), {
    error: 'give the secret or the name of the variable holding it (one of them)',
  });

export function parseTargetConfig(kind: ExportTargetKind, config: unknown): JsonObject {
  switch (kind) {
    case 'csv':
    case 'xlsx':
      return z.object({ folder }).strict().parse(config);
    case 'tally':
      return tallyMappingSchema.extend({ folder }).strict().parse(config) as JsonObject;
    case 'webhook':
      return webhookConfig.parse(config) as JsonObject;
  }
}

/** The webhook's signing secret: inline, or from the variable `secret_env` names. */
export function webhookSecret(config: JsonObject, env: NodeJS.ProcessEnv): string | null {
  if (typeof config['secret'] === 'string') return config['secret'];
  const name = config['secret_env'];
  const value = typeof name === 'string' ? env[name] : undefined;
  return value !== undefined && value !== '' ? value : null;
}
