import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';
import { runCliInProcess } from '../../support/cli.js';

const testDb = useTestDatabase();
const fixture = (name: string) => `test/fixtures/import/${name}`;
const runImport = (kind: string, file: string, ...flags: string[]) =>
  runCliInProcess(['import', kind, file, ...flags], { DATABASE_URL: testDb.url });

const MASTER_TABLES = [
  'products',
  'price_lists',
  'prices',
  'dealers',
  'dealer_phones',
  'dealer_emails',
  'dealer_credit',
  'ledger_entries',
  'reps',
  'rep_phones',
  'rep_emails',
  'rep_dealers',
] as const;

/** Every master-data row, timestamps included: equal snapshots mean nothing was written. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of MASTER_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(testDb.db);
    result[table] = rows;
  }
  return result;
}

// The tests run in order against one database: each builds on the previous import.
describe('import catalog', () => {
  it('inserts every row of a new catalog', async () => {
    const run = await runImport('catalog', fixture('catalog.csv'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^catalog: 5 rows from test\/fixtures\/import\/catalog.csv: 5 inserted, 0 updated, 0 unchanged \(\d+\.\d s\)\n$/,
    );
    const tape = await testDb.db
      .selectFrom('products')
      .selectAll()
      .where('sku', '=', 'NIR-SOL-TAPE')
      .executeTakeFirstOrThrow();
    expect(tape).toMatchObject({
      name: 'Nirmal Thread Seal Tape, 12mm',
      unit: 'box',
      pack_size: 20,
      piece_unit: 'roll',
      list_price_minor: 240_00n,
      aliases: ['teflon tape', 'ptfe tape'],
      brand: 'Nirmal',
      category: 'Accessories',
      tax_rate_bp: 0,
      active: true,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const run = await runImport('catalog', fixture('catalog.csv'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 inserted, 0 updated, 5 unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('inserts new and updates changed rows of a revised catalog', async () => {
    const run = await runImport('catalog', fixture('catalog-v2.csv'));
    expect(run.stdout).toContain('1 inserted, 1 updated, 4 unchanged');
    const pipe = await testDb.db
      .selectFrom('products')
      .select('list_price_minor')
      .where('sku', '=', 'JAL-CPVC-075')
      .executeTakeFirstOrThrow();
    expect(pipe.list_price_minor).toBe(2295_00n);
  });

  it('lists every problem of a bad file, exits 2 and changes nothing', async () => {
    const before = await snapshot();
    const run = await runImport('catalog', fixture('catalog-bad.csv'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const file = fixture('catalog-bad.csv');
    expect(run.stderr).toBe(
      [
        `import: ${file} has 4 problems; nothing was imported.`,
        `${file}:3 [pack_size] "ten": must be a positive whole number`,
        `${file}:4 [name] "": is required`,
        `${file}:5 [price] "Rs 899": is not a decimal amount (write it like 1234.50, without currency signs)`,
        `${file}:6 [sku] "JAL-CPVC-050": duplicate sku (first seen on line 2)`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('reports a missing file as a problem, not a crash', async () => {
    const run = await runImport('catalog', fixture('no-such-file.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-file.csv: cannot read the file');
  });
});

describe('import dealers', () => {
  it('with --dry-run says what would change and changes nothing', async () => {
    const before = await snapshot();
    const run = await runImport('dealers', fixture('dealers.csv'), '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^dealers: 3 rows from test\/fixtures\/import\/dealers.csv: would be 3 inserted, 0 updated, 0 unchanged, 0 on file but not in this file \(kept\); dry run, nothing changed \(\d+\.\d s\)\n$/,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('with --strict refuses price lists that have no prices, naming them and their dealers', async () => {
    const before = await snapshot();
    const run = await runImport('dealers', fixture('dealers.csv'), '--strict');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '[price_list] "WHOLESALE": price list "WHOLESALE" has no prices loaded; its dealers (P001) will be priced at catalog prices',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('inserts dealers with phones, emails, price lists, credit rows and opening balances', async () => {
    const run = await runImport('dealers', fixture('dealers.csv'));
    // imported before any price: a warning per list, naming its dealers
    expect(run.stderr).toBe(
      'import: warning: price list "WHOLESALE" has no prices loaded; its dealers (P001) will be priced at catalog prices until `import prices` loads it\n' +
        'import: warning: price list "RETAIL" has no prices loaded; its dealers (P002) will be priced at catalog prices until `import prices` loads it\n',
    );
    expect(run.stdout).toContain('3 inserted, 0 updated, 0 unchanged');

    const dealers = await testDb.db
      .selectFrom('dealers')
      .select(['code', 'price_list', 'credit_limit_minor', 'credit_policy', 'auto_confirm'])
      .orderBy('code')
      .execute();
    expect(dealers).toEqual([
      {
        code: 'P001',
        price_list: 'WHOLESALE',
        credit_limit_minor: 200_000_00n,
        credit_policy: 'hold',
        auto_confirm: true,
      },
      {
        code: 'P002',
        price_list: 'RETAIL',
        credit_limit_minor: null,
        credit_policy: 'hold',
        auto_confirm: true,
      },
      {
        code: 'P003',
        price_list: null,
        credit_limit_minor: 75_000_50n,
        credit_policy: 'hold',
        auto_confirm: true,
      },
    ]);
    const phones = await testDb.db
      .selectFrom('dealer_phones')
      .select(['phone', 'dealer_code'])
      .orderBy('phone')
      .execute();
    expect(phones).toEqual([
      { phone: '+919811100001', dealer_code: 'P001' },
      { phone: '+919811100002', dealer_code: 'P001' },
      { phone: '+919811100003', dealer_code: 'P002' },
    ]);
    const emails = await testDb.db
      .selectFrom('dealer_emails')
      .select(['email', 'dealer_code'])
      .orderBy('email')
      .execute();
    expect(emails).toEqual([
      { email: 'accounts@krishnapipes.example.org', dealer_code: 'P002' },
      { email: 'om.sanitary@example.org', dealer_code: 'P001' },
      { email: 'sai.bath@example.org', dealer_code: 'P003' },
    ]);
    const lists = await testDb.db
      .selectFrom('price_lists')
      .select('name')
      .orderBy('name')
      .execute();
    expect(lists.map((l) => l.name)).toEqual(['RETAIL', 'WHOLESALE']);

    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select(['dealer_code', 'outstanding_minor', 'open_orders_minor'])
      .orderBy('dealer_code')
      .execute();
    expect(credit).toEqual([
      { dealer_code: 'P001', outstanding_minor: 35_000_00n, open_orders_minor: 0n },
      { dealer_code: 'P002', outstanding_minor: 0n, open_orders_minor: 0n },
      { dealer_code: 'P003', outstanding_minor: -1_200_00n, open_orders_minor: 0n },
    ]);
    const ledger = await testDb.db
      .selectFrom('ledger_entries')
      .select(['dealer_code', 'kind', 'amount_minor'])
      .orderBy('dealer_code')
      .execute();
    expect(ledger).toEqual([
      { dealer_code: 'P001', kind: 'adjustment', amount_minor: 35_000_00n },
      { dealer_code: 'P003', kind: 'adjustment', amount_minor: -1_200_00n },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const run = await runImport('dealers', fixture('dealers.csv'));
    expect(run.stdout).toContain('0 inserted, 0 updated, 3 unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to move a phone another dealer holds, listing the row', async () => {
    const before = await snapshot();
    const run = await runImport('dealers', fixture('dealers-v2.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'dealers-v2.csv:3 [phones] "+919811100002": belongs to dealer "P001" on file; to move it to "P002", import again with --move-contacts',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('with --move-contacts updates limits, moves the phone and books the balance difference', async () => {
    const run = await runImport('dealers', fixture('dealers-v2.csv'), '--move-contacts');
    expect(run.stderr).not.toContain('problem');
    expect(run.stdout).toContain('0 inserted, 2 updated, 1 unchanged');
    const moved = await testDb.db
      .selectFrom('dealer_phones')
      .select('dealer_code')
      .where('phone', '=', '+919811100002')
      .executeTakeFirstOrThrow();
    expect(moved.dealer_code).toBe('P002');
    const sum = await testDb.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<string>('amount_minor').as('total'))
      .where('dealer_code', '=', 'P001')
      .executeTakeFirstOrThrow();
    expect(sum.total).toBe('4100000');
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('outstanding_minor')
      .where('dealer_code', '=', 'P001')
      .executeTakeFirstOrThrow();
    expect(credit.outstanding_minor).toBe(41_000_00n);
  });

  it('leaves balances alone when the file has no outstanding column', async () => {
    // (the phone P002 took goes back to P001: moved on purpose)
    const run = await runImport(
      'dealers',
      fixture('dealers-no-outstanding.csv'),
      '--move-contacts',
    );
    expect(run.code).toBe(0);
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select('outstanding_minor')
      .where('dealer_code', '=', 'P001')
      .executeTakeFirstOrThrow();
    expect(credit.outstanding_minor).toBe(41_000_00n);
  });

  it('rejects a phone or address listed for two dealers, naming both lines', async () => {
    const before = await snapshot();
    const run = await runImport('dealers', fixture('dealers-shared-contacts.csv'));
    expect(run.code).toBe(2);
    const file = fixture('dealers-shared-contacts.csv');
    expect(run.stderr).toBe(
      [
        `import: ${file} has 2 problems; nothing was imported.`,
        `${file}:4 [phones] "+919811100001": is also listed for dealer "P001" on line 2: a phone may belong to one dealer only`,
        `${file}:4 [emails] "orders@example.org": is also listed for dealer "P001" on line 2: an address may belong to one dealer only`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('rolls the whole file back when the database fails half-way', async () => {
    await sql`
      CREATE FUNCTION test_reject_p003() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'test: refusing P003'; END $$`.execute(testDb.db);
    await sql`
      CREATE TRIGGER test_reject_p003 BEFORE UPDATE ON dealer_credit
      FOR EACH ROW WHEN (NEW.dealer_code = 'P003') EXECUTE FUNCTION test_reject_p003()`.execute(
      testDb.db,
    );
    const before = await snapshot();
    try {
      // P001 is written first, then P003's balance update hits the trigger.
      const dir = await mkdtemp(join(tmpdir(), 'orderdesk-import-'));
      const file = join(dir, 'dealers.csv');
      await writeFile(
        file,
        'code,name,phones,emails,region,price_list,credit_limit,outstanding\n' +
          'P001,Om Sanitary Stores Renamed,+919811100001,,Nashik,WHOLESALE,1.00,1.00\n' +
          'P003,Sai Bath Studio,,,Aurangabad,,75000.50,99.00\n',
      );
      const run = await runImport('dealers', file);
      await rm(dir, { recursive: true });
      expect(run.code).toBe(1);
      expect(await snapshot()).toEqual(before);
    } finally {
      await sql`DROP TRIGGER test_reject_p003 ON dealer_credit`.execute(testDb.db);
      await sql`DROP FUNCTION test_reject_p003()`.execute(testDb.db);
    }
  });
});

describe('import reps', () => {
  it('lists every unknown dealer with its line, exits 2 and changes nothing', async () => {
    const before = await snapshot();
    const run = await runImport('reps', fixture('reps-unknown-dealers.csv'));
    expect(run.code).toBe(2);
    const file = fixture('reps-unknown-dealers.csv');
    const why = 'no such dealer in the database (import the dealers first)';
    expect(run.stderr).toBe(
      [
        `import: ${file} has 3 problems; nothing was imported.`,
        `${file}:2 [dealers] "P009": unknown dealer code "P009": ${why}`,
        `${file}:4 [dealers] "X100": unknown dealer code "X100": ${why}`,
        `${file}:4 [dealers] "X101": unknown dealer code "X101": ${why}`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('inserts reps with their dealers, and a re-import changes nothing', async () => {
    const run = await runImport('reps', fixture('reps.csv'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('2 inserted, 0 updated, 0 unchanged');
    const links = await testDb.db
      .selectFrom('rep_dealers')
      .select(['rep_code', 'dealer_code'])
      .orderBy('rep_code')
      .orderBy('dealer_code')
      .execute();
    expect(links).toEqual([
      { rep_code: 'SR1', dealer_code: 'P001' },
      { rep_code: 'SR1', dealer_code: 'P002' },
      { rep_code: 'SR2', dealer_code: 'P003' },
    ]);
    const before = await snapshot();
    const again = await runImport('reps', fixture('reps.csv'));
    expect(again.stdout).toContain('0 inserted, 0 updated, 2 unchanged');
    expect(await snapshot()).toEqual(before);
  });
});

describe('import prices', () => {
  it('inserts prices on their lists, and a re-import changes nothing', async () => {
    const run = await runImport('prices', fixture('prices.csv'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('4 inserted, 0 updated, 0 unchanged');
    const prices = await testDb.db
      .selectFrom('prices')
      .select(['price_list', 'sku', 'price_minor', 'effective_from'])
      .orderBy('price_list')
      .orderBy('sku')
      .execute();
    expect(prices).toEqual([
      { price_list: 'RETAIL', sku: 'JAL-CPVC-050', price_minor: 1420_00n, effective_from: null },
      { price_list: 'RETAIL', sku: 'NIR-TAP-PIL', price_minor: 879_00n, effective_from: null },
      { price_list: 'WHOLESALE', sku: 'JAL-CPVC-050', price_minor: 1305_00n, effective_from: null },
      { price_list: 'WHOLESALE', sku: 'JAL-CPVC-075', price_minor: 1989_45n, effective_from: null },
    ]);
    const before = await snapshot();
    const again = await runImport('prices', fixture('prices.csv'));
    expect(again.stdout).toContain('0 inserted, 0 updated, 4 unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps dated prices apart by their start date', async () => {
    const run = await runImport('prices', fixture('prices-dated.csv'));
    expect(run.stdout).toContain('2 inserted');
    const rows = await testDb.db
      .selectFrom('prices')
      .select(['price_minor', 'effective_from', 'effective_to'])
      .where('sku', '=', 'JAL-ELB-050')
      .orderBy('price_minor')
      .execute();
    expect(rows).toEqual([
      { price_minor: 340_00n, effective_from: null, effective_to: '2026-03-31' },
      { price_minor: 355_00n, effective_from: '2026-04-01', effective_to: null },
    ]);
  });

  it('lists every problem of a bad prices file', async () => {
    const before = await snapshot();
    const run = await runImport('prices', fixture('prices-bad.csv'));
    expect(run.code).toBe(2);
    const file = fixture('prices-bad.csv');
    expect(run.stderr).toBe(
      [
        `import: ${file} has 6 problems; nothing was imported.`,
        `${file}:2 [price] "1305.001": has more than 2 decimal places`,
        `${file}:3 [price_list] "": is required`,
        `${file}:4 [price] "-5": must not be negative`,
        `${file}:5 [effective_from] "2026-02-30": is not a date; write it as YYYY-MM-DD`,
        `${file}:6 [effective_to] "2026-04-01": is before effective_from (2026-05-01)`,
        `${file}:7 [sku] "JAL-CPVC-050": duplicate price for price list "WHOLESALE" (first seen on line 2)`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('lists every SKU not in the catalog with its line', async () => {
    const before = await snapshot();
    const run = await runImport('prices', fixture('prices-unknown-sku.csv'));
    expect(run.code).toBe(2);
    const file = fixture('prices-unknown-sku.csv');
    expect(run.stderr).toBe(
      [
        `import: ${file} has 2 problems; nothing was imported.`,
        `${file}:3 [sku] "JAL-CPVC-100": unknown sku "JAL-CPVC-100": not in the catalog (import the catalog first)`,
        `${file}:4 [sku] "NO-SUCH-SKU": unknown sku "NO-SUCH-SKU": not in the catalog (import the catalog first)`,
        '',
      ].join('\n'),
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('import arguments', () => {
  it('rejects an unknown kind with the usage', async () => {
    const run = await runImport('promotions', fixture('prices.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'cannot import "promotions": expected one of catalog, dealers, reps, prices, schemes, slabs',
    );
    expect(run.stderr).toContain('usage: cli import');
  });
});

describe('import of a large catalog', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orderdesk-catalog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads 20,000 rows in seconds, and re-imports them as unchanged', async () => {
    const lines = ['sku,name,unit,pack_size,piece_unit,price,aliases,brand,category'];
    for (let i = 0; i < 20_000; i += 1) {
      lines.push(
        `BULK-${i},Bulk item ${i},case,${(i % 24) + 1},pcs,${(i % 5000) + 1}.${String(i % 100).padStart(2, '0')},bulk ${i}|item ${i},Brand ${i % 40},Cat ${i % 12}`,
      );
    }
    const file = join(dir, 'catalog-20k.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    let started = performance.now();
    const first = await runImport('catalog', file);
    const firstMs = performance.now() - started;
    expect(first.stdout).toContain('20000 inserted, 0 updated, 0 unchanged');

    started = performance.now();
    const second = await runImport('catalog', file);
    const secondMs = performance.now() - started;
    expect(second.stdout).toContain('0 inserted, 0 updated, 20000 unchanged');

    expect(firstMs).toBeLessThan(10_000);
    expect(secondMs).toBeLessThan(10_000);
    const row = await testDb.db
      .selectFrom('products')
      .select(['list_price_minor', 'pack_size', 'aliases'])
      .where('sku', '=', 'BULK-12345')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      list_price_minor: 2346_45n,
      pack_size: 10,
      aliases: ['bulk 12345', 'item 12345'],
    });
  });
});
