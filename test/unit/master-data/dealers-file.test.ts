import { describe, expect, it } from 'vitest';
import {
  loadDealersFile,
  parseDealersCsv,
  type DealerRow,
  type LoadProblem,
} from '../../../src/master-data/index.js';
import { fixturePath } from './fixture-path.js';

async function dealer(code: string): Promise<DealerRow> {
  const result = await loadDealersFile(fixturePath('dealers.csv'), { defaultRegion: 'IN' });
  if (!result.ok) throw new Error(`fixture should load: ${JSON.stringify(result.problems)}`);
  const row = result.value.find((candidate) => candidate.code === code);
  if (!row) throw new Error(`no ${code}`);
  return row;
}

async function brokenProblems(): Promise<LoadProblem[]> {
  const result = await loadDealersFile(fixturePath('dealers-broken.csv'));
  if (result.ok) throw new Error('broken fixture loaded');
  return result.problems;
}

describe('loadDealersFile', () => {
  it('normalises every phone to E.164 with the default region', async () => {
    expect((await dealer('D001')).phones).toEqual(['+919812345678', '+919988766554']);
  });

  it('normalises a landline with an STD code', async () => {
    expect((await dealer('D003')).phones).toEqual(['+912223456789']);
  });

  it('trims and lower-cases e-mail addresses', async () => {
    expect((await dealer('D001')).emails).toEqual(['orders@sharmaelec.in']);
    expect((await dealer('D003')).emails).toEqual([
      'patel.light@example.com',
      'accounts@patellight.in',
    ]);
  });

  it('reads credit limit and outstanding as minor units', async () => {
    expect(await dealer('D001')).toMatchObject({
      creditLimitMinor: 5000000n,
      outstandingMinor: 1250050n,
    });
  });

  it('reads an empty credit limit as no limit', async () => {
    expect((await dealer('D002')).creditLimitMinor).toBeNull();
  });

  it('accepts a negative outstanding (dealer in credit)', async () => {
    expect((await dealer('D003')).outstandingMinor).toBe(-30000n);
  });

  it('keeps the price list and region', async () => {
    expect(await dealer('D002')).toMatchObject({ priceList: 'wholesale', region: 'Nashik' });
  });

  it('lists every problem of a broken file with line and column', async () => {
    expect((await brokenProblems()).map((p) => [p.line, p.column, p.value])).toEqual([
      [3, 'phones', '12345'],
      [3, 'emails', 'not-an-email'],
      [3, 'credit_limit', '-10'],
      [3, 'outstanding', '1.234'],
      [4, 'code', 'd001'],
    ]);
  });

  it('rejects a duplicate dealer code', async () => {
    expect(await brokenProblems()).toContainEqual(
      expect.objectContaining({ line: 4, message: 'duplicate code (first seen on line 2)' }),
    );
  });

  it('says which phone of a list is invalid', async () => {
    const result = parseDealersCsv('code,name,phones\nD9,X,98123 45678|555\n', 'd.csv');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          line: 2,
          column: 'phones',
          value: '98123 45678|555',
          message: expect.stringContaining('"555"'),
        },
      ],
    });
  });
});

describe('parseDealersCsv', () => {
  it('uses the region it is given for local numbers', () => {
    const result = parseDealersCsv('code,name,phones\nD9,X,020 7946 0018\n', 'd.csv', {
      defaultRegion: 'GB',
    });
    expect(result).toMatchObject({ ok: true, value: [{ phones: ['+442079460018'] }] });
  });

  it('defaults outstanding to zero and optional text to null', () => {
    const result = parseDealersCsv('code,name\nD9,X\n', 'd.csv');
    expect(result).toEqual({
      ok: true,
      value: [
        {
          code: 'D9',
          name: 'X',
          phones: [],
          emails: [],
          region: null,
          priceList: null,
          creditLimitMinor: null,
          outstandingMinor: 0n,
        },
      ],
    });
  });

  it('drops a repeated phone written two ways', () => {
    const result = parseDealersCsv('code,name,phones\nD9,X,98123 45678|+919812345678\n', 'd.csv');
    expect(result).toMatchObject({ ok: true, value: [{ phones: ['+919812345678'] }] });
  });
});
