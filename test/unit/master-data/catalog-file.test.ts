import { describe, expect, it } from 'vitest';
import {
  loadCatalogFile,
  parseCatalogCsv,
  type CatalogRow,
  type LoadProblem,
} from '../../../src/master-data/index.js';
import { fixturePath } from './fixture-path.js';

async function loadGood(): Promise<CatalogRow[]> {
  const result = await loadCatalogFile(fixturePath('catalog.csv'));
  if (!result.ok) throw new Error(`fixture should load: ${JSON.stringify(result.problems)}`);
  return result.value;
}

function bySku(rows: CatalogRow[], sku: string): CatalogRow {
  const row = rows.find((candidate) => candidate.sku === sku);
  if (!row) throw new Error(`no ${sku}`);
  return row;
}

async function brokenProblems(): Promise<LoadProblem[]> {
  const result = await loadCatalogFile(fixturePath('catalog-broken.csv'));
  if (result.ok) throw new Error('broken fixture loaded');
  return result.problems;
}

describe('loadCatalogFile', () => {
  it('loads every row of a good file', async () => {
    expect(await loadGood()).toHaveLength(8);
  });

  it('reads prices as bigint minor units', async () => {
    const rows = await loadGood();
    expect(bySku(rows, 'VX-WIRE-1.5-RD').priceMinor).toBe(123450n);
    expect(bySku(rows, 'GN-TIE-100').priceMinor).toBe(5n);
    expect(bySku(rows, 'LM-LED-12W-WW').priceMinor).toBe(410075n);
  });

  it('types a full row, splitting aliases on |', async () => {
    expect(bySku(await loadGood(), 'LM-LED-9W-CW')).toEqual({
      sku: 'LM-LED-9W-CW',
      name: 'Luma LED Bulb 9W Cool White B22',
      unit: 'case',
      packSize: 50,
      pieceUnit: 'bulb',
      priceMinor: 325000n,
      aliases: ['9 watt bulb', 'luma 9w'],
      brand: 'Luma',
      category: 'Lighting',
      taxRateBp: null,
    });
  });

  it('reads an optional tax_rate percentage as basis points', () => {
    const csv =
      'sku,name,unit,price,tax_rate\nA,a,box,10,18\nB,b,box,10,5.5\nC,c,box,10,\nD,d,box,10,0\n';
    const result = parseCatalogCsv(csv, 'catalog.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.map((r) => r.taxRateBp)).toEqual([1800, 550, null, 0]);
    const bad = parseCatalogCsv(
      'sku,name,unit,price,tax_rate\nA,a,box,10,18.123\nB,b,box,10,GST\nC,c,box,10,120\n',
      'catalog.csv',
    );
    expect(bad.ok ? [] : bad.problems).toEqual([
      {
        file: 'catalog.csv',
        line: 2,
        column: 'tax_rate',
        value: '18.123',
        message: 'has more than 2 decimal places',
      },
      {
        file: 'catalog.csv',
        line: 3,
        column: 'tax_rate',
        value: 'GST',
        message: 'is not a percentage (write it like 18 or 5.5)',
      },
      {
        file: 'catalog.csv',
        line: 4,
        column: 'tax_rate',
        value: '120',
        message: 'must be at most 100',
      },
    ]);
  });

  it('keeps a quoted name with commas whole', async () => {
    expect(bySku(await loadGood(), 'VX-WIRE-1.5-RD').name).toBe(
      'Voltex FR Wire 1.5 sq mm, Red, 90 m',
    );
  });

  it('turns empty optional cells into null', async () => {
    const tie = bySku(await loadGood(), 'GN-TIE-100');
    expect(tie.pieceUnit).toBeNull();
    expect(tie.brand).toBeNull();
  });

  it('lists every problem of a broken file at once, in line order', async () => {
    expect((await brokenProblems()).map((p) => [p.line, p.column])).toEqual([
      [3, 'price'],
      [4, 'pack_size'],
      [5, 'sku'],
      [6, 'name'],
      [7, null],
    ]);
  });

  it('reports a price with three decimals with its file, line, column and value', async () => {
    expect(await brokenProblems()).toContainEqual({
      file: fixturePath('catalog-broken.csv'),
      line: 3,
      column: 'price',
      value: '12.345',
      message: 'has more than 2 decimal places',
    });
  });

  it('rejects a pack size that is not a positive whole number', async () => {
    expect(await brokenProblems()).toContainEqual(
      expect.objectContaining({
        line: 4,
        column: 'pack_size',
        value: '0',
        message: 'must be a positive whole number',
      }),
    );
  });

  it('rejects a duplicate sku, compared case-insensitively, pointing at the first', async () => {
    expect(await brokenProblems()).toContainEqual(
      expect.objectContaining({
        line: 5,
        column: 'sku',
        value: 'vx-wire-1.5-rd',
        message: 'duplicate sku (first seen on line 2)',
      }),
    );
  });

  it('reports a missing required column once, not on every row', async () => {
    const result = await loadCatalogFile(fixturePath('catalog-no-price.csv'));
    expect(result).toMatchObject({
      ok: false,
      problems: [{ line: 1, column: 'price', value: null }],
    });
    expect(result.ok ? [] : result.problems).toHaveLength(1);
  });

  it('reports an unreadable file as a problem instead of throwing', async () => {
    const result = await loadCatalogFile(fixturePath('no-such-file.csv'));
    expect(result).toMatchObject({
      ok: false,
      problems: [{ line: null, message: expect.stringContaining('cannot read the file') }],
    });
  });
});

describe('parseCatalogCsv', () => {
  it('defaults pack_size to 1 when the column is absent', () => {
    const result = parseCatalogCsv('sku,name,unit,price\nA,Bulb,piece,10\n', 'c.csv');
    expect(result).toMatchObject({
      ok: true,
      value: [{ packSize: 1, aliases: [], priceMinor: 1000n }],
    });
  });

  it('names the file it was given in problems', () => {
    const result = parseCatalogCsv('sku,name,unit,price\nA,Bulb,piece,\n', 'upload.csv');
    expect(result).toMatchObject({
      ok: false,
      problems: [{ file: 'upload.csv', line: 2, column: 'price', value: '', message: 'is empty' }],
    });
  });
});
