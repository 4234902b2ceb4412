/**
 * Schemes: read the live ones for pricing (as domain values), upsert from
 * the schemes CSV. A scheme's rule is JSON with money as strings of minor
 * units, so no float ever holds it.
 */
import { sql } from 'kysely';
import { toJson } from '../db/json.js';
import type { DateOnly, JsonObject } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { Scheme, SchemeRule } from '../domain/pricing/index.js';
import { addCounts, assertUniqueKeys, emptyCounts, type UpsertCounts } from './bulk.js';

/** Schemes valid on `on` (audience is checked by pricing). */
export async function findLiveSchemes(db: Executor, on: DateOnly): Promise<Scheme[]> {
  const rows = await db
    .selectFrom('schemes')
    .selectAll()
    .where('active', '=', true)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', on)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('priority')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    audience: { regions: r.regions, priceLists: r.price_lists, dealers: r.dealers },
    stacking: r.stacking,
    priority: r.priority,
    rule: ruleFromJson(r.kind, r.rule),
  }));
}

export function ruleToJson(rule: SchemeRule): JsonObject {
  return JSON.parse(
    JSON.stringify(rule, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as JsonObject;
}

function big(v: unknown): bigint {
  return BigInt(String(v));
}

export function ruleFromJson(kind: SchemeRule['kind'], j: JsonObject): SchemeRule {
  const min = (m: unknown) => {
    const o = (m ?? {}) as { basis?: string; value?: string };
    return {
      basis: o.basis === 'amount' ? ('amount' as const) : ('qty' as const),
      value: big(o.value ?? '0'),
    };
  };
  const target = (t: unknown) => t as { kind: 'sku' | 'brand' | 'category'; value: string };
  switch (kind) {
    case 'buy_get':
      return {
        kind,
        buySku: String(j['buySku']),
        buyQty: Number(j['buyQty']),
        getSku: String(j['getSku']),
        getQty: Number(j['getQty']),
        repeating: j['repeating'] === true,
      };
    case 'percent_off':
      return {
        kind,
        target: target(j['target']),
        discountBp: Number(j['discountBp']),
        min: min(j['min']),
      };
    case 'flat_off':
      return {
        kind,
        target: target(j['target']),
        amountMinor: big(j['amountMinor']),
        min: min(j['min']),
      };
    case 'order_value':
      return {
        kind,
        minAmountMinor: big(j['minAmountMinor']),
        discountBp: j['discountBp'] == null ? null : Number(j['discountBp']),
        amountMinor: j['amountMinor'] == null ? null : big(j['amountMinor']),
      };
  }
}

export interface UpsertSchemeInput {
  scheme: Scheme;
  active?: boolean;
}

/** Inserts or updates schemes by id; unchanged ones are not written. */
export async function upsertSchemes(
  db: Executor,
  input: readonly UpsertSchemeInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(input, (s) => s.scheme.id, 'scheme id');
  let counts = emptyCounts();
  for (const { scheme, active } of input) {
    const { rows } = await sql<{ inserted: boolean }>`
      INSERT INTO schemes AS s (id, name, kind, rule, stacking, priority, valid_from, valid_to,
                                regions, price_lists, dealers, active)
      VALUES (${scheme.id}, ${scheme.name}, ${scheme.rule.kind}, ${toJson(ruleToJson(scheme.rule))}::jsonb,
              ${scheme.stacking}, ${scheme.priority}, ${scheme.validFrom}::date, ${scheme.validTo}::date,
              ${scheme.audience.regions}::text[], ${scheme.audience.priceLists}::text[],
              ${scheme.audience.dealers}::text[], ${active ?? true})
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, kind = excluded.kind, rule = excluded.rule, stacking = excluded.stacking,
        priority = excluded.priority, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
        regions = excluded.regions, price_lists = excluded.price_lists, dealers = excluded.dealers,
        active = excluded.active
      WHERE (s.name, s.kind, s.rule, s.stacking, s.priority, s.valid_from, s.valid_to, s.regions,
             s.price_lists, s.dealers, s.active)
        IS DISTINCT FROM (excluded.name, excluded.kind, excluded.rule, excluded.stacking,
             excluded.priority, excluded.valid_from, excluded.valid_to, excluded.regions,
             excluded.price_lists, excluded.dealers, excluded.active)
      RETURNING (xmax = 0) AS inserted`.execute(db);
    const row = rows[0];
    counts = addCounts(counts, {
      inserted: row?.inserted === true ? 1 : 0,
      updated: row !== undefined && !row.inserted ? 1 : 0,
      unchanged: row === undefined ? 1 : 0,
    });
  }
  return counts;
}
