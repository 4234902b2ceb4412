import { describe, expect, it } from 'vitest';
import {
  findMissingSkus,
  findProductsBySku,
  listActiveProducts,
  upsertProducts,
} from '../../../src/repositories/catalog.repository.js';
import {
  findDealerByCode,
  findDealerByEmail,
  findDealerByPhone,
  findMissingDealerCodes,
  listDealers,
  upsertDealers,
  type UpsertDealerInput,
} from '../../../src/repositories/dealer.repository.js';
import { findEffectivePrices, upsertPrices } from '../../../src/repositories/price.repository.js';
import {
  findRepByEmail,
  findRepByPhone,
  upsertReps,
} from '../../../src/repositories/rep.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createPrice, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

const dealer = (code: string, overrides: Partial<UpsertDealerInput> = {}): UpsertDealerInput => ({
  code,
  name: `Dealer ${code}`,
  region: null,
  priceList: null,
  creditLimitMinor: null,
  phones: [],
  emails: [],
  ...overrides,
});

describe('catalog repository', () => {
  it('lists only active products, by sku', async () => {
    await createProduct(testDb.db, { sku: 'CAT-B' });
    await createProduct(testDb.db, { sku: 'CAT-A' });
    await createProduct(testDb.db, { sku: 'CAT-C', active: false });
    const skus = (await listActiveProducts(testDb.db))
      .map((p) => p.sku)
      .filter((s) => s.startsWith('CAT-'));
    expect(skus).toEqual(['CAT-A', 'CAT-B']);
  });

  it('keeps a stored tax rate when the upsert does not give one', async () => {
    await createProduct(testDb.db, { sku: 'TAX-1', taxRateBp: 1800 });
    await upsertProducts(testDb.db, [
      {
        sku: 'TAX-1',
        name: 'Renamed',
        unit: 'case',
        packSize: 1,
        pieceUnit: null,
        listPriceMinor: 5_00n,
        aliases: [],
        brand: null,
        category: null,
      },
    ]);
    const [product] = await findProductsBySku(testDb.db, ['TAX-1']);
    expect(product).toMatchObject({ name: 'Renamed', tax_rate_bp: 1800, list_price_minor: 5_00n });
  });

  it('reports missing skus in input order, once each', async () => {
    await createProduct(testDb.db, { sku: 'HAVE-1' });
    expect(await findMissingSkus(testDb.db, ['NOPE-2', 'HAVE-1', 'NOPE-1', 'NOPE-2'])).toEqual([
      'NOPE-2',
      'NOPE-1',
    ]);
  });
});

describe('dealer repository', () => {
  it('finds a dealer by phone, by email in any case, and by code, with its contacts', async () => {
    await upsertDealers(testDb.db, [
      dealer('LK-1', {
        phones: ['+919876500001', '+919876500002'],
        emails: ['Buyer@Shop.example'],
      }),
    ]);
    const byPhone = await findDealerByPhone(testDb.db, '+919876500002');
    const byEmail = await findDealerByEmail(testDb.db, ' BUYER@shop.example ');
    const byCode = await findDealerByCode(testDb.db, 'LK-1');
    expect(byPhone?.code).toBe('LK-1');
    expect(byEmail?.code).toBe('LK-1');
    expect(byCode).toMatchObject({
      code: 'LK-1',
      phones: ['+919876500001', '+919876500002'],
      emails: ['buyer@shop.example'],
    });
    expect(await findDealerByPhone(testDb.db, '+919876500009')).toBeUndefined();
  });

  it('moves a phone to the dealer that now lists it', async () => {
    await createDealer(testDb.db, { code: 'MV-1', phones: ['+919876511111'] });
    const counts = await upsertDealers(testDb.db, [dealer('MV-2', { phones: ['+919876511111'] })]);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await findDealerByPhone(testDb.db, '+919876511111'))?.code).toBe('MV-2');
  });

  it('keeps settings the input leaves out, and sets those it gives', async () => {
    await createDealer(testDb.db, {
      code: 'ST-1',
      creditPolicy: 'block',
      autoConfirm: false,
      overdueDays: 30,
    });
    await upsertDealers(testDb.db, [dealer('ST-1', { name: 'Renamed' })]);
    expect(await findDealerByCode(testDb.db, 'ST-1')).toMatchObject({
      name: 'Renamed',
      credit_policy: 'block',
      auto_confirm: false,
      overdue_days: 30,
    });
    await upsertDealers(testDb.db, [
      dealer('ST-1', { name: 'Renamed', overdueDays: null, language: 'hi' }),
    ]);
    expect(await findDealerByCode(testDb.db, 'ST-1')).toMatchObject({
      overdue_days: null,
      language: 'hi',
    });
  });

  it('pages through dealers by code', async () => {
    await upsertDealers(
      testDb.db,
      ['PG-3', 'PG-1', 'PG-2'].map((code) => dealer(code)),
    );
    const first = await listDealers(testDb.db, { limit: 2, afterCode: 'PG-' });
    const second = await listDealers(testDb.db, { limit: 2, afterCode: first.at(-1)?.code ?? '' });
    expect(first.map((d) => d.code)).toEqual(['PG-1', 'PG-2']);
    expect(second[0]?.code).toBe('PG-3');
  });

  it('refuses the same phone on two dealers in one upsert', async () => {
    await expect(
      upsertDealers(testDb.db, [
        dealer('DP-1', { phones: ['+919876522222'] }),
        dealer('DP-2', { phones: ['+919876522222'] }),
      ]),
    ).rejects.toThrow('phone repeated in one upsert: +919876522222');
  });

  it('reports dealer codes not on file', async () => {
    await createDealer(testDb.db, { code: 'ON-FILE' });
    expect(await findMissingDealerCodes(testDb.db, ['ON-FILE', 'OFF-1'])).toEqual(['OFF-1']);
  });
});

describe('rep repository', () => {
  it('replaces a rep’s dealers and contacts on re-upsert', async () => {
    await createDealer(testDb.db, { code: 'RD-1' });
    await createDealer(testDb.db, { code: 'RD-2' });
    await upsertReps(testDb.db, [
      {
        code: 'RP-1',
        name: 'Rep',
        phones: ['+919876533333'],
        emails: ['rep@x.example'],
        dealers: ['RD-1'],
      },
    ]);
    const counts = await upsertReps(testDb.db, [
      {
        code: 'RP-1',
        name: 'Rep',
        phones: ['+919876533334'],
        emails: ['rep@x.example'],
        dealers: ['RD-2'],
      },
    ]);
    expect(counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await findRepByPhone(testDb.db, '+919876533333')).toBeUndefined();
    expect(await findRepByEmail(testDb.db, 'REP@x.example')).toMatchObject({
      code: 'RP-1',
      phones: ['+919876533334'],
      dealers: ['RD-2'],
    });
  });
});

describe('price repository', () => {
  it('finds the price in effect on a day, latest start first', async () => {
    await createProduct(testDb.db, { sku: 'PR-1' });
    await createProduct(testDb.db, { sku: 'PR-2' });
    await createPrice(testDb.db, { priceList: 'L1', sku: 'PR-1', priceMinor: 90_00n });
    await createPrice(testDb.db, {
      priceList: 'L1',
      sku: 'PR-1',
      priceMinor: 95_00n,
      effectiveFrom: '2026-04-01',
    });
    await createPrice(testDb.db, {
      priceList: 'L1',
      sku: 'PR-2',
      priceMinor: 10_00n,
      effectiveTo: '2026-01-31',
    });
    const march = await findEffectivePrices(testDb.db, {
      priceList: 'L1',
      skus: ['PR-1', 'PR-2'],
      on: '2026-03-15',
    });
    const april = await findEffectivePrices(testDb.db, {
      priceList: 'L1',
      skus: ['PR-1', 'PR-2'],
      on: '2026-04-01',
    });
    expect(march).toEqual(new Map([['PR-1', 90_00n]]));
    expect(april).toEqual(new Map([['PR-1', 95_00n]]));
  });

  it('updates a price in place and leaves an identical one unwritten', async () => {
    await createProduct(testDb.db, { sku: 'PU-1' });
    const input = { priceList: 'L2', sku: 'PU-1', priceMinor: 1_00n };
    expect(await upsertPrices(testDb.db, [input])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await upsertPrices(testDb.db, [input])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(await upsertPrices(testDb.db, [{ ...input, priceMinor: 2_00n }])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
  });
});
