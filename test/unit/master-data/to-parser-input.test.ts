import { describe, expect, it } from 'vitest';
import {
  parseCatalogCsv,
  parseDealersCsv,
  parseRepsCsv,
  toCatalogItem,
  toDealerEntry,
  toRepEntry,
} from '../../../src/master-data/index.js';

function only<T>(result: { ok: true; value: T[] } | { ok: false }): T {
  if (!result.ok || result.value[0] === undefined) throw new Error('expected one row');
  return result.value[0];
}

describe('mappers to the parser shapes', () => {
  it('maps a catalog row to a CatalogItem without the price', () => {
    const row = only(
      parseCatalogCsv(
        'sku,name,unit,pack_size,piece_unit,price,aliases,brand,category\nS1,Switch 6A,box,20,piece,640.4,6a switch,Ferro,Switches\n',
        'c.csv',
      ),
    );
    expect(toCatalogItem(row)).toEqual({
      sku: 'S1',
      name: 'Switch 6A',
      unit: 'box',
      packSize: 20,
      pieceUnit: 'piece',
      aliases: ['6a switch'],
      brand: 'Ferro',
      category: 'Switches',
    });
  });

  it('maps a dealer row to a DealerEntry without money', () => {
    const row = only(
      parseDealersCsv(
        'code,name,phones,emails,region,credit_limit\nD1,Sharma,98123 45678,A@B.in,Pune,100\n',
        'd.csv',
      ),
    );
    expect(toDealerEntry(row)).toEqual({
      code: 'D1',
      name: 'Sharma',
      phones: ['+919812345678'],
      emails: ['a@b.in'],
      region: 'Pune',
    });
  });

  it('maps a rep row to a RepEntry', () => {
    const row = only(
      parseRepsCsv('code,name,phones,dealers\nR1,Anil,97654 32100,D1|D2\n', 'r.csv'),
    );
    expect(toRepEntry(row)).toEqual({
      code: 'R1',
      name: 'Anil',
      phones: ['+919765432100'],
      emails: [],
      dealers: ['D1', 'D2'],
    });
  });
});
