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
