import { describe, expect, it } from 'vitest';
import { parseSchemesCsv } from '../../../src/master-data/schemes-file.js';
import { parseSlabsCsv } from '../../../src/master-data/slabs-file.js';
import type { LoadProblem } from '../../../src/master-data/index.js';

const SCHEMES_HEADER =
  'code,name,kind,stacking,valid_from,valid_to,target,target_values,priority,sku,brand,category,min_qty,min_amount,buy_qty,free_sku,free_qty,repeat,percent,flat_amount';

const problems = (r: { ok: true } | { ok: false; problems: LoadProblem[] }) =>
  r.ok
    ? []
    : r.problems.map((p) => `${p.line} [${p.column}] ${JSON.stringify(p.value)}: ${p.message}`);

describe('parseSchemesCsv', () => {
  it('maps every kind onto the engine rule, money to minor units and percent to basis points', () => {
    const csv = [
      SCHEMES_HEADER,
      'B10,Buy 10 get 1,buy_x_get_y,exclusive,2025-01-01,2025-12-31,,,,SKU1,,,,,10,,1,yes,,',
      'B5,Buy 5 get a tape,buy_x_get_y,priority,,,,,,SKU1,,,,,5,TAPE,2,,,',
      'V5,Voltra 5.5%,percent_off,best,,,region,North|South,10,,Voltra,,5,,,,,,5.5,',
      'CAB,Cables 250.50 off,flat_off,priority,,,dealers,D1|D2,,,,Cables,,1000,,,,,,250.50',
      'OV,2% over 50k,order_value,priority,,,price_list,RETAIL,,,,,,50000,,,,,2,',
    ].join('\n');
    const result = parseSchemesCsv(csv, 'schemes.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [b10, b5, v5, cab, ov] = result.value.map((r) => r.row.scheme);
    expect(b10).toEqual({
      id: 'B10',
      name: 'Buy 10 get 1',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      audience: { regions: [], priceLists: [], dealers: [] },
      stacking: 'exclusive',
      priority: 100,
      rule: {
        kind: 'buy_get',
        buySku: 'SKU1',
        buyQty: 10,
        getSku: 'SKU1',
        getQty: 1,
        repeating: true,
      },
    });
    expect(b5?.rule).toMatchObject({ getSku: 'TAPE', getQty: 2, repeating: false });
    expect(v5).toMatchObject({
      audience: { regions: ['North', 'South'], priceLists: [], dealers: [] },
      stacking: 'best',
      priority: 10,
      rule: {
        kind: 'percent_off',
        target: { kind: 'brand', value: 'Voltra' },
        discountBp: 550,
        min: { basis: 'qty', value: 5n },
      },
    });
    expect(cab).toMatchObject({
      audience: { dealers: ['D1', 'D2'] },
      rule: {
        kind: 'flat_off',
        target: { kind: 'category', value: 'Cables' },
        amountMinor: 250_50n,
        min: { basis: 'amount', value: 1000_00n },
      },
    });
    expect(ov?.rule).toEqual({
      kind: 'order_value',
      minAmountMinor: 50_000_00n,
      discountBp: 200,
      amountMinor: null,
    });
    expect(result.value.map((r) => [r.line, r.row.active])).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [5, true],
      [6, true],
    ]);
  });

  it('lists every problem of the file at once, cell and row problems alike', () => {
    const csv = [
      SCHEMES_HEADER,
      'S1,,buy_x_get_z,exclusive,2025-13-01,,all,,,SKU1,,,,,10,,1,maybe,,',
      'S2,Voltra,percent_off,best,,,region,,x,,Voltra,Cables,5,,,,,,150,',
      'S3,flat,flat_off,priority,2025-05-01,2025-04-01,all,D1,,,,Cables,,10.555,,,,,5,',
      's3,order,order_value,stacked,,,,,,SKU,,,,,,,,,,',
    ].join('\n');
    expect(problems(parseSchemesCsv(csv, 'schemes.csv'))).toEqual([
      '2 [name] "": is required',
      '2 [kind] "buy_x_get_z": must be one of buy_x_get_y, buy_get, percent_off, flat_off, order_value',
      '2 [valid_from] "2025-13-01": is not a date; write it as YYYY-MM-DD',
      '2 [repeat] "maybe": must be yes or no',
      '3 [priority] "x": must be a whole number',
      '3 [percent] "150": must be at most 100',
      '3 [target_values] "": is required when target is region',
      '3 [category] "Cables": give only one of sku, brand, category',
      '4 [min_amount] "10.555": has more than 2 decimal places',
      '4 [valid_to] "2025-04-01": is before valid_from (2025-05-01)',
      '4 [target_values] "D1": must be empty when target is all',
      '4 [percent] "5": does not apply when kind is flat_off; leave it empty',
      '4 [flat_amount] "": is required when kind is flat_off',
      '5 [stacking] "stacked": must be one of exclusive, best, priority',
      '5 [sku] "SKU": does not apply when kind is order_value; leave it empty',
      '5 [min_amount] "": is required when kind is order_value',
      '5 [percent] "": one of percent, flat_amount is required when kind is order_value',
      '5 [code] "s3": duplicate code (first seen on line 4)',
    ]);
  });

  it('reports missing required columns once, at the header', () => {
    const result = parseSchemesCsv('code,name\nA,a\n', 'schemes.csv');
    expect(result.ok).toBe(false);
    expect(problems(result).join('\n')).toMatch(/kind/);
  });
});

describe('parseSlabsCsv', () => {
  it('reads qty and amount tiers: min in units or minor units, percent in basis points', () => {
    const csv = [
      'code,scope,scope_value,basis,min,percent,price_list,valid_from,valid_to',
      'V10,brand,Voltra,qty,10,5,,,',
      'C10K,category,Cables,amount,10000.50,2.25,RETAIL,2025-01-01,2025-03-31',
    ].join('\n');
    const result = parseSlabsCsv(csv, 'slabs.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.map((r) => r.row)).toEqual([
      {
        id: 'V10',
        target: { kind: 'brand', value: 'Voltra' },
        basis: 'qty',
        threshold: 10n,
        discountBp: 500,
        priceList: null,
        validFrom: null,
        validTo: null,
      },
      {
        id: 'C10K',
        target: { kind: 'category', value: 'Cables' },
        basis: 'amount',
        threshold: 10_000_50n,
        discountBp: 225,
        priceList: 'RETAIL',
        validFrom: '2025-01-01',
        validTo: '2025-03-31',
      },
    ]);
  });

  it('lists every problem at once', () => {
    const csv = [
      'code,scope,scope_value,basis,min,percent,valid_from,valid_to',
      'A,size,X,weight,1.5,0,,',
      'B,sku,S,qty,1.5,101,,',
      'C,sku,,amount,,,2025-02-01,2025-01-01',
      'a,sku,S,amount,0,1,,',
    ].join('\n');
    expect(problems(parseSlabsCsv(csv, 'slabs.csv'))).toEqual([
      '2 [scope] "size": must be one of sku, brand, category',
      '2 [basis] "weight": must be one of qty, amount',
      '2 [percent] "0": must be more than 0',
      '3 [percent] "101": must be at most 100',
      '3 [min] "1.5": must be a positive whole number of sales units when basis is qty',
      '4 [scope_value] "": is required',
      '4 [min] "": is required',
      '4 [percent] "": is required',
      '4 [valid_to] "2025-01-01": is before valid_from (2025-02-01)',
      '5 [min] "0": must be more than 0',
      '5 [code] "a": duplicate code (first seen on line 2)',
    ]);
  });
});
