import { describe, expect, it } from 'vitest';
import { loadRepsFile, parseRepsCsv } from '../../../src/master-data/index.js';
import { fixturePath } from './fixture-path.js';

const dealerCodes = ['D001', 'D002', 'D003'];

describe('loadRepsFile', () => {
  it('loads reps with their dealers, phones in E.164 and e-mails lower-cased', async () => {
    const result = await loadRepsFile(fixturePath('reps.csv'), { dealerCodes });
    expect(result).toEqual({
      ok: true,
      value: [
        {
          code: 'R01',
          name: 'Anil Kadam',
          phones: ['+919765432100'],
          emails: ['anil.kadam@example.com'],
          dealers: ['D001', 'D002'],
        },
        {
          code: 'R02',
          name: 'Meena Joshi',
          phones: [],
          emails: ['meena.joshi@example.com'],
          dealers: ['D003'],
        },
      ],
    });
  });

  it('rejects a dealer code not in the dealers file when the codes are given', async () => {
    const result = await loadRepsFile(fixturePath('reps-broken.csv'), { dealerCodes });
    expect(result).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({
          line: 2,
          column: 'dealers',
          value: 'D001|D999',
          message: 'unknown dealer code "D999"',
        }),
      ]),
    });
  });

  it('lists the bad phone and the unknown dealer together', async () => {
    const result = await loadRepsFile(fixturePath('reps-broken.csv'), { dealerCodes });
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'dealers'],
      [3, 'phones'],
    ]);
  });

  it('does not check dealer codes when none are given', async () => {
    const result = await loadRepsFile(fixturePath('reps-broken.csv'));
    expect(result.ok ? [] : result.problems.map((p) => p.column)).toEqual(['phones']);
  });
});

describe('parseRepsCsv', () => {
  it('suggests the code when only the case differs', () => {
    const result = parseRepsCsv('code,name,dealers\nR1,Ravi,d001\n', 'r.csv', { dealerCodes });
    expect(result).toMatchObject({
      ok: false,
      problems: [{ message: 'unknown dealer code "d001" (did you mean "D001"?)' }],
    });
  });

  it('requires the dealers column', () => {
    const result = parseRepsCsv('code,name\nR1,Ravi\n', 'r.csv');
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, column: 'dealers' }] });
  });

  it('rejects a duplicate rep code', () => {
    const result = parseRepsCsv('code,name,dealers\nR1,Ravi,\nR1,Ravi again,\n', 'r.csv');
    expect(result).toMatchObject({
      ok: false,
      problems: [{ line: 3, column: 'code', value: 'R1' }],
    });
  });
});
