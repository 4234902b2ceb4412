import { describe, expect, it } from 'vitest';
import { ParserInputsCache } from '../../../src/services/parser-inputs.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

describe('the compiled parser inputs cache', () => {
  it('reuses the compiled catalog until master data changes, then recompiles', async () => {
    const cache = new ParserInputsCache();
    await createProduct(testDb.db, { sku: 'CACHE-1' });
    const first = await cache.get(testDb.db);
    expect(await cache.get(testDb.db)).toBe(first);
    expect(first.items.has('CACHE-1')).toBe(true);

    await createProduct(testDb.db, { sku: 'CACHE-2' });
    await createDealer(testDb.db, { code: 'CACHE-D', phones: ['+919822222222'] });
    const second = await cache.get(testDb.db);
    expect(second).not.toBe(first);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.items.has('CACHE-2')).toBe(true);
    expect(second.directory.byPhone.get('+919822222222')?.code).toBe('CACHE-D');
  });

  it('shares one compile between concurrent callers', async () => {
    const cache = new ParserInputsCache();
    const [a, b] = await Promise.all([cache.get(testDb.db), cache.get(testDb.db)]);
    expect(a).toBe(b);
  });
});

describe("a parse job's cached reads", () => {
  it('reads the counters only, until a commit changes aliases, rollout, slabs or schemes', async () => {
    const cache = new ParserInputsCache();
    const d = await createDealer(testDb.db, { code: 'SNAP-D' });
    const p = await createProduct(testDb.db, { sku: 'SNAP-1' });
    const now = new Date();
    const first = await cache.snapshot(testDb.db);
    const rules = await first.pricingRules(now);
    expect(first.learnedAliases(d.code)).toEqual([]);
    expect(first.dealerRollout(d.code, 'webchat')).toBeUndefined();

    const again = await cache.snapshot(testDb.db);
    expect(again.inputs).toBe(first.inputs);
    expect(await again.pricingRules(now)).toBe(rules);

    await testDb.db
      .insertInto('learned_aliases')
      .values([
        { dealer_code: null, alias: 'everyone words', sku: p.sku, created_by: 'test' },
        { dealer_code: d.code, alias: 'own words', sku: p.sku, created_by: 'test' },
      ])
      .execute();
    await testDb.db
      .insertInto('dealer_channel_rollout')
      .values({ dealer_code: d.code, channel: 'webchat', rollout: 'pilot' })
      .execute();
    await testDb.db
      .insertInto('channel_settings')
      .values({ channel: 'email', rollout: 'off' })
      .execute();
    await testDb.db
      .insertInto('slabs')
      .values({
        id: 'SNAP-SLAB',
        target_kind: 'sku',
        target_value: p.sku,
        basis: 'qty',
        threshold: 10n,
        discount_bp: 500,
        price_list: null,
        valid_from: null,
        valid_to: null,
      })
      .execute();

    const changed = await cache.snapshot(testDb.db);
    expect(changed.inputs).toBe(first.inputs);
    // the dealer's own first, then everyone's; someone else sees everyone's only
    expect(changed.learnedAliases(d.code).map((a) => a.alias)).toEqual([
      'own words',
      'everyone words',
    ]);
    expect(changed.learnedAliases(null).map((a) => a.alias)).toEqual(['everyone words']);
    expect(changed.dealerRollout(d.code, 'webchat')).toBe('pilot');
    expect(changed.channelRollout('email')).toBe('off');
    expect((await changed.pricingRules(now)).slabs.map((s) => s.id)).toContain('SNAP-SLAB');
  });
});
