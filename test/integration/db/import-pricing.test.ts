/**
 * `import schemes|slabs` (and the prices `region` / catalog `tax_rate`
 * columns) on real PostgreSQL: upserts, a re-import writes nothing, a bad
 * file (cells or unknown references) changes nothing, and what was imported
 * prices an order through the pricing path.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceLines } from '../../../src/services/price-lines.js';
import { runCliInProcess } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';

const testDb = useTestDatabase();
let dir: string;
const runImport = (kind: string, file: string) =>
  runCliInProcess(['import', kind, file], { DATABASE_URL: testDb.url });

async function csv(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const TABLES = ['products', 'price_lists', 'prices', 'schemes', 'slabs'] as const;
async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(testDb.db);
    result[table] = rows;
  }
  return result;
}

const SCHEMES_HEADER =
  'code,name,kind,stacking,valid_from,valid_to,target,target_values,priority,sku,brand,category,min_qty,min_amount,buy_qty,free_sku,free_qty,repeat,percent,flat_amount';
const GOOD_SCHEMES = [
  SCHEMES_HEADER,
  'JAL10,Jaldhara 10% off,percent_off,priority,,,dealers,P001,10,,jaldhara,,2,,,,,,10,',
  'TAP5,Buy 5 taps get a tape,buy_x_get_y,priority,,,all,,,NIR-TAP-PIL,,,,,5,NIR-SOL-TAPE,1,yes,,',
  'OV50K,500 off above 50000,order_value,best,2020-01-01,,price_list,WHOLESALE,,,,,,50000,,,,,,500.00',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderdesk-import-pricing-'));
  expect((await runImport('catalog', 'test/fixtures/import/catalog.csv')).code).toBe(0);
  expect((await runImport('dealers', 'test/fixtures/import/dealers.csv')).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('catalog tax_rate and prices region', () => {
  it('stores tax rates as basis points; a file without the column keeps them', async () => {
    const file = await csv('catalog-tax.csv', [
      'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category,tax_rate',
      'JAL-CPVC-050,Jaldhara CPVC Pipe 1/2 inch 3m,bundle,10,length,1450.00,cpvc half inch|cpvc 1/2,Jaldhara,Pipes,18',
      'NIR-TAP-PIL,Nirmal Pillar Tap Chrome,piece,1,,899.99,,Nirmal,Faucets,5.5',
    ]);
    const run = await runImport('catalog', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('0 inserted, 2 updated, 0 unchanged');
    const again = await runImport('catalog', 'test/fixtures/import/catalog.csv');
    expect(again.stdout).toContain('0 inserted, 0 updated, 5 unchanged');
    const rates = await testDb.db
      .selectFrom('products')
      .select(['sku', 'tax_rate_bp'])
      .where('sku', 'in', ['JAL-CPVC-050', 'NIR-TAP-PIL', 'JAL-ELB-050'])
      .orderBy('sku')
      .execute();
    expect(rates).toEqual([
      { sku: 'JAL-CPVC-050', tax_rate_bp: 1800 },
      { sku: 'JAL-ELB-050', tax_rate_bp: 0 },
      { sku: 'NIR-TAP-PIL', tax_rate_bp: 550 },
    ]);
  });

  it('gives a price list its region; a regional list prices a dealer without a list', async () => {
    const file = await csv('prices-region.csv', [
      'price_list,sku,price,region',
      'AUR-REGIONAL,JAL-ELB-050,350.00,Aurangabad',
      'AUR-REGIONAL,NIR-SOL-TAPE,230.00,',
    ]);
    const run = await runImport('prices', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2 inserted');
    const before = await snapshot();
    expect((await runImport('prices', file)).stdout).toContain(
      '0 inserted, 0 updated, 2 unchanged',
    );
    expect(await snapshot()).toEqual(before);
    const list = await testDb.db
      .selectFrom('price_lists')
      .select('region')
      .where('name', '=', 'AUR-REGIONAL')
      .executeTakeFirstOrThrow();
    expect(list.region).toBe('Aurangabad');

    // P003 is in Aurangabad with no list of its own
    const priced = await priceLines(testDb.db, {
      dealer: { code: 'P003', region: 'Aurangabad', priceList: null },
      lines: [{ sku: 'JAL-ELB-050', qty: 1 }],
      at: new Date(),
    });
    if (!priced.ok) throw new Error('unpriceable');
    expect(priced.lines[0]?.unitPriceMinor).toBe(350_00n);
    expect(priced.lines[0]?.explanation[0]).toMatchObject({
      step: 'regional_list',
      region: 'Aurangabad',
    });

    const conflict = await csv('prices-two-regions.csv', [
      'price_list,sku,price,region',
      'AUR-REGIONAL,JAL-ELB-050,350.00,Aurangabad',
      'AUR-REGIONAL,NIR-SOL-TAPE,230.00,Nashik',
    ]);
    const bad = await runImport('prices', conflict);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      `${conflict}:3 [region] "Nashik": price list "AUR-REGIONAL" is given region "Aurangabad" on line 2; a list serves one region`,
    );
  });
});

describe('import schemes', () => {
  it('inserts every scheme, and a re-import writes nothing', async () => {
    const file = await csv('schemes.csv', GOOD_SCHEMES);
    const run = await runImport('schemes', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^schemes: 3 rows from .*: 3 inserted, 0 updated, 0 unchanged/);
    const jal = await testDb.db
      .selectFrom('schemes')
      .selectAll()
      .where('id', '=', 'JAL10')
      .executeTakeFirstOrThrow();
    expect(jal).toMatchObject({
      kind: 'percent_off',
      stacking: 'priority',
      priority: 10,
      dealers: ['P001'],
      rule: {
        kind: 'percent_off',
        target: { kind: 'brand', value: 'jaldhara' },
        discountBp: 1000,
        min: { basis: 'qty', value: '2' },
      },
    });

    const before = await snapshot();
    const again = await runImport('schemes', file);
    expect(again.stdout).toContain('0 inserted, 0 updated, 3 unchanged');
    expect(await snapshot()).toEqual(before);

    const revised = await csv('schemes-v2.csv', [
      ...GOOD_SCHEMES.slice(0, 3),
      GOOD_SCHEMES[3]!.replace('500.00', '750.00'),
    ]);
    expect((await runImport('schemes', revised)).stdout).toContain(
      '0 inserted, 1 updated, 2 unchanged',
    );
  });

  it('rejects unknown skus, brands, categories, dealers, price lists and regions; nothing changes', async () => {
    const before = await snapshot();
    const file = await csv('schemes-unknown.csv', [
      SCHEMES_HEADER,
      // a change to a good row must not be written either
      'JAL10,Jaldhara 12% off,percent_off,priority,,,dealers,P001|P999,10,,jaldhara,,2,,,,,,12,',
      'TAP5,Buy 5 taps get a tape,buy_x_get_y,priority,,,all,,,NIR-TAP-PIL,,,,,5,NO-SUCH-SKU,1,yes,,',
      'OV50K,500 off,order_value,best,,,price_list,GOLD,,,,,,50000,,,,,,500.00',
      'BR,brand,percent_off,best,,,,,,,Acme,,,,,,,,5,',
      'CAT,category,flat_off,best,,,,,,,,Lighting,,,,,,,,10',
      // regions are compared exactly: the dealers are in "Nashik"
      'NSK2,Nashik 2% off,order_value,best,,,region,nashik|Nashik,,,,,,1000,,,,,2,',
    ]);
    const run = await runImport('schemes', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `import: ${file} has 6 problems; nothing was imported.`,
        `${file}:2 [target_values] "P999": unknown dealer code "P999": no such dealer in the database (import the dealers first)`,
        `${file}:3 [free_sku] "NO-SUCH-SKU": unknown sku "NO-SUCH-SKU": not in the catalog (import the catalog first)`,
        `${file}:4 [target_values] "GOLD": unknown price list "GOLD": no such list in the database (import the dealers or prices first)`,
        `${file}:5 [brand] "Acme": unknown brand "Acme": no product in the catalog has it`,
        `${file}:6 [category] "Lighting": unknown category "Lighting": no product in the catalog has it`,
        `${file}:7 [target_values] "nashik": unknown region "nashik": no dealer is in it (regions come from the dealers file, spelt exactly)`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a file with a bad cell changes nothing and lists every problem', async () => {
    const before = await snapshot();
    const file = await csv('schemes-bad.csv', [
      SCHEMES_HEADER,
      'JAL10,Jaldhara,percent_off,priority,,,dealers,P001,10,,jaldhara,,2,,,,,,ten,',
      'NEW,New,flat_off,best,,,,,,,Nirmal,,,,,,,,,12.345',
    ]);
    const run = await runImport('schemes', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2 [percent] "ten": is not a percentage`);
    expect(run.stderr).toContain(
      `${file}:3 [flat_amount] "12.345": has more than 2 decimal places`,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('import slabs', () => {
  const SLABS = [
    'code,scope,scope_value,basis,min,percent,price_list,valid_from,valid_to',
    'PIPE10,category,Pipes,qty,10,2,,,',
    'PIPE20,category,pipes,qty,20,4,,,',
    'TAPE5K,sku,NIR-SOL-TAPE,amount,5000.00,1.5,WHOLESALE,2020-01-01,',
  ];

  it('inserts every tier, and a re-import writes nothing', async () => {
    const file = await csv('slabs.csv', SLABS);
    const run = await runImport('slabs', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('3 inserted, 0 updated, 0 unchanged');
    const tape = await testDb.db
      .selectFrom('slabs')
      .selectAll()
      .where('id', '=', 'TAPE5K')
      .executeTakeFirstOrThrow();
    expect(tape).toMatchObject({
      target_kind: 'sku',
      target_value: 'NIR-SOL-TAPE',
      basis: 'amount',
      threshold: 5000_00n,
      discount_bp: 150,
      price_list: 'WHOLESALE',
      valid_from: '2020-01-01',
      valid_to: null,
    });
    const before = await snapshot();
    expect((await runImport('slabs', file)).stdout).toContain('0 inserted, 0 updated, 3 unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('rejects unknown scope values and price lists; nothing changes', async () => {
    const before = await snapshot();
    const file = await csv('slabs-unknown.csv', [
      SLABS[0]!,
      'PIPE10,category,Pipes,qty,10,3,,,',
      'X1,brand,Acme,qty,10,2,,,',
      'X2,sku,NOPE,qty,10,2,GOLD,,',
    ]);
    const run = await runImport('slabs', file);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').slice(1)).toEqual([
      `${file}:3 [scope_value] "Acme": unknown brand "Acme": no product in the catalog has it`,
      `${file}:4 [scope_value] "NOPE": unknown sku "NOPE": not in the catalog (import the catalog first)`,
      `${file}:4 [price_list] "GOLD": unknown price list "GOLD": no such list in the database (import the dealers or prices first)`,
      '',
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('what was imported prices an order', () => {
  it('the slab and the targeted scheme apply for P001, not for P002', async () => {
    const lines = [{ sku: 'JAL-CPVC-050', qty: 10 }];
    const p001 = await priceLines(testDb.db, {
      dealer: { code: 'P001', region: 'Nashik', priceList: 'WHOLESALE' },
      lines,
      at: new Date(),
    });
    if (!p001.ok) throw new Error('unpriceable');
    const line = p001.lines[0]!;
    // list 1450.00 → slab PIPE10 2% = 1421.00 → scheme JAL10 10% = 1278.90
    expect(line.explanation.map((s) => [s.step, 'source_id' in s ? s.source_id : null])).toEqual([
      ['list_price', 'JAL-CPVC-050'],
      ['slab', 'PIPE10'],
      ['scheme', 'JAL10'],
      ['tax', null],
    ]);
    expect(line.unitPriceMinor).toBe(1278_90n);
    expect(p001.schemes.map((s) => s.id)).toEqual(['JAL10']);

    const p002 = await priceLines(testDb.db, {
      dealer: { code: 'P002', region: 'Nashik', priceList: 'RETAIL' },
      lines,
      at: new Date(),
    });
    if (!p002.ok) throw new Error('unpriceable');
    expect(p002.lines[0]?.unitPriceMinor).toBe(1421_00n);
    expect(p002.schemes).toEqual([]);
  });
});
