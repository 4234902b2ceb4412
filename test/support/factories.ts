/**
 * Factories that insert real rows with sensible defaults; pass only what the
 * test is about: `createDealer(db, { creditLimitMinor: 50_000_00n })`.
 * Codes are unique per call so tests in one database do not collide.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  CreditPolicy,
  DB,
  Dealer,
  DealerCredit,
  Price,
  Product,
  Rep,
} from '../../src/db/schema.js';

const uniq = () => randomBytes(4).toString('hex').toUpperCase();

export interface CreateDealerInput {
  code?: string;
  name?: string;
  region?: string | null;
  priceList?: string | null;
  /** Minor units; null (default): no limit. */
  creditLimitMinor?: bigint | null;
  creditPolicy?: CreditPolicy;
  autoConfirm?: boolean;
  language?: string;
  overdueDays?: number | null;
  phones?: string[];
  emails?: string[];
  /** Sets outstanding through a ledger adjustment. Default 0. */
  outstandingMinor?: bigint;
  openOrdersMinor?: bigint;
}

export type CreatedDealer = Dealer & { credit: DealerCredit; phones: string[]; emails: string[] };

export async function createDealer(
  db: Kysely<DB>,
  input: CreateDealerInput = {},
): Promise<CreatedDealer> {
  const code = input.code ?? `D-${uniq()}`;
  if (input.priceList != null) await createPriceList(db, input.priceList);
  const dealer = await db
    .insertInto('dealers')
    .values({
      code,
      name: input.name ?? `Dealer ${code}`,
      region: input.region ?? null,
      price_list: input.priceList ?? null,
      credit_limit_minor: input.creditLimitMinor ?? null,
      overdue_days: input.overdueDays ?? null,
      ...(input.creditPolicy === undefined ? {} : { credit_policy: input.creditPolicy }),
      ...(input.autoConfirm === undefined ? {} : { auto_confirm: input.autoConfirm }),
      ...(input.language === undefined ? {} : { language: input.language }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const outstanding = input.outstandingMinor ?? 0n;
  if (outstanding !== 0n) {
    await db
      .insertInto('ledger_entries')
      .values({ dealer_code: code, kind: 'adjustment', amount_minor: outstanding, note: 'factory' })
      .execute();
  }
  const credit = await db
    .insertInto('dealer_credit')
    .values({
      dealer_code: code,
      outstanding_minor: outstanding,
      open_orders_minor: input.openOrdersMinor ?? 0n,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const phones = input.phones ?? [];
  const emails = (input.emails ?? []).map((e) => e.toLowerCase());
  if (phones.length > 0) {
    await db
      .insertInto('dealer_phones')
      .values(phones.map((phone) => ({ phone, dealer_code: code })))
      .execute();
  }
  if (emails.length > 0) {
    await db
      .insertInto('dealer_emails')
      .values(emails.map((email) => ({ email, dealer_code: code })))
      .execute();
  }
  return { ...dealer, credit, phones, emails };
}

export interface CreateProductInput {
  sku?: string;
  name?: string;
  unit?: string;
  packSize?: number;
  pieceUnit?: string | null;
  /** Default 100.00. */
  listPriceMinor?: bigint;
  aliases?: string[];
  brand?: string | null;
  category?: string | null;
  taxRateBp?: number;
  active?: boolean;
}

export async function createProduct(
  db: Kysely<DB>,
  input: CreateProductInput = {},
): Promise<Product> {
  const sku = input.sku ?? `SKU-${uniq()}`;
  return db
    .insertInto('products')
    .values({
      sku,
      name: input.name ?? `Product ${sku}`,
      unit: input.unit ?? 'case',
      pack_size: input.packSize ?? 1,
      piece_unit: input.pieceUnit ?? null,
      list_price_minor: input.listPriceMinor ?? 100_00n,
      aliases: input.aliases ?? [],
      brand: input.brand ?? null,
      category: input.category ?? null,
      tax_rate_bp: input.taxRateBp ?? 0,
      active: input.active ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createPriceList(db: Kysely<DB>, name: string): Promise<void> {
  await db
    .insertInto('price_lists')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export interface CreatePriceInput {
  priceList: string;
  sku: string;
  priceMinor: bigint;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
}

export async function createPrice(db: Kysely<DB>, input: CreatePriceInput): Promise<Price> {
  await createPriceList(db, input.priceList);
  return db
    .insertInto('prices')
    .values({
      price_list: input.priceList,
      sku: input.sku,
      price_minor: input.priceMinor,
      effective_from: input.effectiveFrom ?? null,
      effective_to: input.effectiveTo ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface CreateRepInput {
  code?: string;
  name?: string;
  phones?: string[];
  emails?: string[];
  dealers?: string[];
}

export async function createRep(db: Kysely<DB>, input: CreateRepInput = {}): Promise<Rep> {
  const code = input.code ?? `R-${uniq()}`;
  const rep = await db
    .insertInto('reps')
    .values({ code, name: input.name ?? `Rep ${code}` })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.phones?.length) {
    await db
      .insertInto('rep_phones')
      .values(input.phones.map((phone) => ({ phone, rep_code: code })))
      .execute();
  }
  if (input.emails?.length) {
    await db
      .insertInto('rep_emails')
      .values(input.emails.map((email) => ({ email: email.toLowerCase(), rep_code: code })))
      .execute();
  }
  if (input.dealers?.length) {
    await db
      .insertInto('rep_dealers')
      .values(input.dealers.map((dealer_code) => ({ rep_code: code, dealer_code })))
      .execute();
  }
  return rep;
}
