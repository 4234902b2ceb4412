import { describe, expect, it } from 'vitest';
import { formatLoadProblem, loadMasterData } from '../../../src/master-data/index.js';
import { fixturePath } from './fixture-path.js';

describe('loadMasterData', () => {
  it('loads catalog, dealers and reps together', async () => {
    const result = await loadMasterData({
      catalogPath: fixturePath('catalog.csv'),
      dealersPath: fixturePath('dealers.csv'),
      repsPath: fixturePath('reps.csv'),
    });
    expect(
      result.ok && [
        result.value.catalog.length,
        result.value.dealers.length,
        result.value.reps.length,
      ],
    ).toEqual([8, 3, 2]);
  });

  it('has no reps when no reps file is given', async () => {
    const result = await loadMasterData({
      catalogPath: fixturePath('catalog.csv'),
      dealersPath: fixturePath('dealers.csv'),
    });
    expect(result).toMatchObject({ ok: true, value: { reps: [] } });
  });

  it('checks rep dealer codes against the dealers file', async () => {
    const result = await loadMasterData({
      catalogPath: fixturePath('catalog.csv'),
      dealersPath: fixturePath('dealers.csv'),
      repsPath: fixturePath('reps-broken.csv'),
    });
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toContain(
      'unknown dealer code "D999"',
    );
  });

  it('reports the problems of every broken file in one result', async () => {
    const result = await loadMasterData({
      catalogPath: fixturePath('catalog-broken.csv'),
      dealersPath: fixturePath('dealers-broken.csv'),
      repsPath: fixturePath('reps-broken.csv'),
    });
    const files = new Set(result.ok ? [] : result.problems.map((p) => p.file));
    expect(files).toEqual(
      new Set(['catalog-broken.csv', 'dealers-broken.csv', 'reps-broken.csv'].map(fixturePath)),
    );
  });
});

describe('formatLoadProblem', () => {
  it('puts file, line, column, value and message on one line', () => {
    expect(
      formatLoadProblem({
        file: 'catalog.csv',
        line: 7,
        column: 'price',
        value: '12.345',
        message: 'has more than 2 decimal places',
      }),
    ).toBe('catalog.csv:7 [price] "12.345": has more than 2 decimal places');
  });
});
