import { describe, expect, it } from 'vitest';
import { splitAtQuantities } from '../../../parsers/rules/split-at-quantities.js';
import { linesOf, loadWorld, refusalsOf } from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');
const cut = (text: string) => splitAtQuantities(paints.catalog, text);

describe('splitAtQuantities', () => {
  it('cuts after each quantity-and-unit group when another follows', () => {
    expect(cut('bison 5 bag saath me primer 1 bucket')).toEqual([
      'bison 5 bag',
      'saath me primer 1 bucket',
    ]);
    expect(cut('brush 2" 1 box 3" 1 box')).toEqual(['brush 2" 1 box', '3" 1 box']);
    expect(cut('fixocef 200 paanch box oflorin oz teen box')).toEqual([
      'fixocef 200 paanch box',
      'oflorin oz teen box',
    ]);
  });

  it('leaves one group, measures and pack sizes alone', () => {
    expect(cut('apex white 20L 2 bucket')).toEqual(['apex white 20L 2 bucket']);
    expect(cut('putty 40 kg 5 bag')).toEqual(['putty 40 kg 5 bag']);
    expect(cut('yippee 4 pack 6 box')).toEqual(['yippee 4 pack 6 box']);
  });

  it('gives each group its own line, the product carried to a bare size', () => {
    const r = paints.parse({
      from: '+919811100001',
      text: 'apex white 20L 2 bucket 10L 1 bucket',
    });
    expect(linesOf(r)).toEqual(['H01 PNT-APX-W10 x1', 'H01 PNT-APX-W20 x2']);
    // "10L 1 bucket" carries "apex white" from the line before, which the policy reads again
    expect(refusalsOf(r)).toEqual([]);
  });
});
