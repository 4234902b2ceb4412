import { describe, expect, it } from 'vitest';
import {
  dayNamed,
  ordersByProduct,
  ordersReferenced,
} from '../../../src/services/order-reference.js';

const TODAY = '2026-12-06';

describe('dayNamed', () => {
  it.each([
    ["where is yesterday's order", '2026-12-05'],
    ['kal wala order kahan hai', '2026-12-05'],
    ['parso ka maal nahi aaya', '2026-12-04'],
    ['aaj ka order status', '2026-12-06'],
    ['order of 3 Dec', '2026-12-03'],
    ['3rd december order', '2026-12-03'],
    ['Nov 28 order kab aayega', '2026-11-28'],
    ['order dated 03/12 status?', '2026-12-03'],
    ['order dt 28.11.2026', '2026-11-28'],
    ['25 dec wala order', '2025-12-25'],
  ])('reads %j as %s', (text, day) => expect(dayNamed(text, TODAY)).toBe(day));

  it.each(['where is my order', 'order #12 status', '31/02 order'])('finds no day in %j', (text) =>
    expect(dayNamed(text, TODAY)).toBeNull(),
  );
});

const orders = [
  { id: 'a', day: '2026-12-05', products: ['Copperline FR Wire 1.5 sqmm 90m'] },
  { id: 'b', day: '2026-12-03', products: ['Voltra MCB 16A Single Pole', 'Lumex LED Bulb 9W'] },
  { id: 'c', day: '2026-12-03', products: ['Copperline FR Wire 2.5 sqmm 90m'] },
];

describe('ordersByProduct', () => {
  it('picks the orders whose products the message names', () => {
    expect(ordersByProduct('wire wala order kahan hai', orders)).toEqual(['a', 'c']);
    expect(ordersByProduct('mcb ka order kab aayega', orders)).toEqual(['b']);
  });
  it('picks nothing on words every order shares, or none has', () => {
    expect(ordersByProduct('where is my order', orders)).toEqual([]);
  });
});

describe('ordersReferenced', () => {
  it('narrows by day, then by product', () => {
    expect(ordersReferenced('3 dec wala wire order', orders, TODAY)).toEqual(['c']);
    expect(ordersReferenced('order of 3 Dec', orders, TODAY)).toEqual(['b', 'c']);
    expect(ordersReferenced('kal ka order', orders, TODAY)).toEqual(['a']);
  });
  it('names none when the day has no order, or nothing is named', () => {
    expect(ordersReferenced('order of 1 Dec', orders, TODAY)).toEqual([]);
    expect(ordersReferenced('order kahan hai', orders, TODAY)).toEqual([]);
  });
});
