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

describe('a dealer’s phone used for another shop', () => {
  it('gives the draft to the shop named in full, and a person checks it', () => {
    const r = paints.parse({
      from: '+919811100001', // Verma Hardware
      text: 'Shiv Sanitary & Electricals ka order, mere phone se: bison 5 bag',
    });
    expect(r.orders.map((o) => o.dealer)).toEqual(['H03']);
    expect(r.needs_review).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('dealer_unverified');
  });

  it('keeps the sender’s own dealer when its own name is there too, or the other is only hinted', () => {
    const both = paints.parse({
      from: '+919811100001',
      text: 'Verma Hardware: bison 5 bag, same rate as Shiv Sanitary & Electricals',
    });
    expect(both.orders.map((o) => o.dealer)).toEqual(['H01']);
    const hinted = paints.parse({ from: '+919811100001', text: 'Shiv wala: bison 5 bag' });
    expect(hinted.orders.map((o) => o.dealer)).toEqual(['H01']);
  });

  it('takes a shop named short when the message says the order is theirs', () => {
    for (const text of [
      'Ye order Shiv Sanitary ka hai, unka phone kharab hai: bison 5 bag',
      'Shiv Sanitary order, bill unke naam: bison 5 bag',
    ]) {
      const r = paints.parse({ from: '+919811100001', text });
      expect(
        r.orders.map((o) => o.dealer),
        text,
      ).toEqual(['H03']);
      expect(r.needs_review).toBe(true);
    }
    // the sender naming itself beside it keeps its own dealer
    const own = paints.parse({
      from: '+919811100001',
      text: 'Verma Hardware se. Shiv Sanitary ka phone band hai, unka bhi dekh lena. bison 5 bag',
    });
    expect(own.orders.map((o) => o.dealer)).toEqual(['H01']);
  });
});
