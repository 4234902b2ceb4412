/**
 * A phone or email two dealers share names neither of them: an order from it must name the
 * shop, like a rep's, or go to a person.
 */
import { describe, expect, it } from 'vitest';
import { compileDirectory, parseMessage } from '../../../parsers/index.js';
import { loadWorld, linesOf } from '../../support/parser-fixtures.js';

const paints = loadWorld('paints');
const SHARED = '+919811100001';
// Verma Hardware's number is also on New India Paint House (a family's two shops).
const directory = compileDirectory({
  dealers: paints.directory.dealers.map((d) =>
    d.code === 'H02' ? { ...d, phones: [...d.phones, SHARED] } : d,
  ),
  reps: paints.directory.reps,
});
const parse = (text: string) =>
  parseMessage({
    catalog: paints.catalog,
    directory,
    message: { id: 'm', channel: 'whatsapp', from: SHARED, text },
  });

describe('a contact several dealers share', () => {
  it('does not pick one of them for an order that names no shop', () => {
    const r = parse('bison 5 bag');
    expect(r.needs_review).toBe(true);
    expect(r.orders.map((o) => o.dealer)).toEqual([null]);
    expect(r.reasons.map((x) => x.code)).toContain('dealer_not_named');
  });

  it('takes the shop the message names', () => {
    const [sku] = linesOf(paints.parse({ from: SHARED, text: 'bison 5 bag' }));
    expect(linesOf(parse('New India Paint House: bison 5 bag'))).toEqual([
      sku!.replace(/^H01 /, 'H02 '),
    ]);
  });

  it('still names the dealer when only one dealer has it', () => {
    expect(paints.parse({ from: SHARED, text: 'bison 5 bag' }).orders[0]?.dealer).toBe('H01');
  });
});
