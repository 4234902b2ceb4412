/**
 * findPricingEntries reads in one statement what pricing read in three (the products, the price
 * on the dealer's list, the price on its region's lists, each in effect on the day): on real
 * PostgreSQL it answers exactly what the three separate queries answer, across date ranges,
 * several lists of one region, inactive products and skus not in the catalog.
 */
import { describe, expect, it } from 'vitest';
import { findProductsBySku } from '../../../src/repositories/catalog.repository.js';
import {
  findEffectivePriceEntries,
  findPricingEntries,
  findRegionalPriceEntries,
} from '../../../src/repositories/price.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createPrice, createPriceList, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

describe('pricing reads in one statement', () => {
  it('answers what the product, own-list and regional-list queries answer', async () => {
    const db = testDb.db;
    const tag = `PE${Date.now().toString(36)}`;
    const skus = [1, 2, 3, 4, 5].map((n) => `${tag}-${n}`);
    for (const [i, sku] of skus.entries()) {
      await createProduct(db, {
        sku,
        listPriceMinor: BigInt(1000 + i),
        brand: i % 2 === 0 ? 'Lumex' : null,
        category: 'led',
        taxRateBp: 1800,
        active: i !== 4,
      });
    }
    const own = `${tag}-OWN`;
    const [westA, westB] = [`${tag}-WEST-A`, `${tag}-WEST-B`];
    for (const name of [own, westA, westB]) await createPriceList(db, name);
    await db
      .updateTable('price_lists')
      .set({ region: `${tag}-west` })
      .where('name', 'in', [westA, westB])
      .execute();
    const price = (
      priceList: string,
      sku: string,
      priceMinor: bigint,
      effectiveFrom: string | null,
      effectiveTo: string | null = null,
    ) => createPrice(db, { priceList, sku, priceMinor, effectiveFrom, effectiveTo });
    // own list: an old price, a current one, a future one; sku 2 only expired; sku 3 none
    await price(own, skus[0]!, 900n, '2020-01-01');
    await price(own, skus[0]!, 950n, '2026-06-01');
    await price(own, skus[0]!, 990n, '2027-06-01');
    await price(own, skus[1]!, 800n, '2020-01-01', '2025-12-31');
    await price(own, skus[3]!, 700n, null);
    // the region has two lists: the first by name wins
    await price(westB, skus[0]!, 600n, null);
    await price(westA, skus[0]!, 610n, '2021-01-01');
    await price(westB, skus[2]!, 500n, '2026-01-01', '2026-12-31');
    await price(westA, skus[4]!, 400n, null);

    const on = '2026-12-06';
    const asked = [...skus, `${tag}-NOT-IN-CATALOG`];
    for (const dealer of [
      { priceList: own, region: `${tag}-west` },
      { priceList: null, region: `${tag}-west` },
      { priceList: own, region: null },
      { priceList: null, region: null },
    ]) {
      const one = await findPricingEntries(db, { skus: asked, on, ...dealer });
      const products = await findProductsBySku(db, asked);
      const ownPrices =
        dealer.priceList === null
          ? []
          : await findEffectivePriceEntries(db, { priceList: dealer.priceList, skus: asked, on });
      const regional =
        dealer.region === null
          ? []
          : await findRegionalPriceEntries(db, { region: dealer.region, skus: asked, on });
      expect(one.map((r) => r.sku)).toEqual(products.map((p) => p.sku));
      for (const row of one) {
        const p = products.find((x) => x.sku === row.sku)!;
        expect([
          row.list_price_minor,
          row.active,
          row.brand,
          row.category,
          row.tax_rate_bp,
        ]).toEqual([p.list_price_minor, p.active, p.brand, p.category, p.tax_rate_bp]);
        const o = ownPrices.find((x) => x.sku === row.sku);
        expect([row.own_price_minor, row.own_effective_from]).toEqual([
          o?.price_minor ?? null,
          o?.effective_from ?? null,
        ]);
        const r = regional.find((x) => x.sku === row.sku);
        expect([
          row.regional_price_minor,
          row.regional_effective_from,
          row.regional_price_list,
        ]).toEqual([r?.price_minor ?? null, r?.effective_from ?? null, r?.price_list ?? null]);
      }
    }
    // and the figures themselves, so the comparison is not of two empty answers
    const both = await findPricingEntries(db, {
      skus: asked,
      on,
      priceList: own,
      region: `${tag}-west`,
    });
    expect(
      both.map((r) => [r.own_price_minor, r.regional_price_minor, r.regional_price_list]),
    ).toEqual([
      [950n, 610n, westA],
      [null, null, null],
      [null, 500n, westB],
      [700n, null, null],
      [null, 400n, westA],
    ]);
  });
});
