import { describe, expect, it } from 'vitest';
import { describePriceStep } from '../../../src/domain/pricing/explain-price.js';

describe('describePriceStep', () => {
  it.each([
    [
      {
        step: 'price_list',
        source_id: 'WHOLESALE:X',
        price_list: 'WHOLESALE',
        effective_from: null,
        unit_price: '5010.00',
      },
      'WHOLESALE list ₹5,010.00',
    ],
    [
      {
        step: 'list_price',
        source_id: 'X',
        because: 'not_on_price_list',
        price_list: 'PLATINUM',
        unit_price: '5350.00',
      },
      'Catalog price ₹5,350.00: list PLATINUM has no price for this SKU',
    ],
    [
      {
        step: 'list_price',
        source_id: 'X',
        because: 'no_price_list',
        price_list: null,
        unit_price: '5350.00',
      },
      'Catalog price ₹5,350.00 (no price list)',
    ],
    [
      {
        step: 'slab',
        source_id: 'EMUL-INT-10',
        basis: 'qty',
        threshold: '10',
        discount_bp: 300,
        unit_price: '4859.70',
      },
      'Slab EMUL-INT-10: 3% off at 10+ → ₹4,859.70',
    ],
    [
      { step: 'scheme', source_id: 'S1', name: 'Monsoon 10+1', kind: 'buy_get' },
      'Scheme “Monsoon 10+1”',
    ],
    [{ step: 'tax', rate_bp: 1800, tax: '180.00' }, 'Tax 18%: ₹180.00'],
  ] as const)('%j', (step, text) => {
    expect(describePriceStep(step as Parameters<typeof describePriceStep>[0])).toBe(text);
  });
});
