import { describe, expect, it } from 'vitest';
import { readCsv, type CsvTable } from '../../../src/master-data/index.js';

const columns = { required: ['sku', 'price'], optional: ['name'] };

function table(text: string | Uint8Array): CsvTable {
  const result = readCsv(text, 't.csv', columns);
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('readCsv', () => {
  it('strips a UTF-8 BOM before the header', () => {
    const bytes = Buffer.from('\uFEFFsku,price\nA,1\n', 'utf8');
    expect(table(bytes).columns).toEqual(['sku', 'price']);
  });

  it('matches header names trimmed and case-insensitively', () => {
    expect(table(' SKU , Price \nA,1\n').records[0]?.cells).toEqual({ sku: 'A', price: '1' });
  });

  it('keeps extra columns without requiring them', () => {
    const result = table('sku,price,warehouse\nA,1,W1\n');
    expect(result.problems).toEqual([]);
    expect(result.records[0]?.cells['warehouse']).toBe('W1');
  });

  it('unquotes RFC 4180 fields with commas, doubled quotes and newlines', () => {
    const result = table('sku,name,price\nA,"Wire, ""FR"" red\n90 m",1\n');
    expect(result.records[0]?.cells['name']).toBe('Wire, "FR" red\n90 m');
  });

  it('numbers records by the line they start on, past blank lines and multi-line fields', () => {
    const result = table('sku,name,price\r\nA,"two\r\nlines",1\r\n\r\nB,b,2\r\n');
    expect(result.records.map((record) => record.line)).toEqual([2, 5]);
  });

  it('skips rows whose cells are all empty', () => {
    expect(table('sku,price\nA,1\n,\n').records).toHaveLength(1);
  });

  it('reports a missing required column at the header line', () => {
    expect(table('sku,name\nA,x\n').problems).toEqual([
      {
        file: 't.csv',
        line: 1,
        column: 'price',
        value: null,
        message: expect.stringContaining('missing required column "price"'),
      },
    ]);
  });

  it('reports a known column given twice', () => {
    expect(table('sku,price,Price\nA,1,2\n').problems).toMatchObject([
      { line: 1, column: 'price', message: 'column "price" appears more than once' },
    ]);
  });

  it('reports a row with fewer fields than the header and leaves it out', () => {
    const result = table('sku,name,price\nA,x\nB,y,2\n');
    expect(result.problems).toMatchObject([
      { line: 2, value: 'A,x', message: 'has 2 fields but the header has 3' },
    ]);
    expect(result.records.map((record) => record.cells['sku'])).toEqual(['B']);
  });

  it('tolerates empty trailing fields beyond the header', () => {
    expect(table('sku,price\nA,1,,\n').problems).toEqual([]);
  });

  it('fails on an unclosed quote with its line', () => {
    const result = readCsv('sku,price\nA,1\n"B,2\n', 't.csv', columns);
    expect(result).toMatchObject({ ok: false, problems: [{ file: 't.csv', line: 3 }] });
  });

  it('fails on bytes that are not UTF-8, naming each bad line', () => {
    const latin1 = Buffer.concat([
      Buffer.from('sku,price\nA,1\n'),
      Buffer.from([0x42, 0xa0, 0x2c, 0x32, 0x0a]),
    ]);
    expect(readCsv(latin1, 't.csv', columns)).toMatchObject({
      ok: false,
      problems: [{ line: 3, message: expect.stringContaining('UTF-8') }],
    });
  });

  it('fails on an empty file', () => {
    expect(readCsv('', 't.csv', columns)).toMatchObject({ ok: false, problems: [{ line: null }] });
  });
});
