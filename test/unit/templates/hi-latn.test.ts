import { describe, expect, it } from 'vitest';
import { LANGUAGES, templatesFor } from '../../../templates/index.js';
import { hiLatn } from '../../../templates/hi-latn.js';

const DEVANAGARI = /\p{Script=Devanagari}/u;

const lines = [
  {
    name: 'Voltra MCB 16A',
    qty: 2,
    unit: 'box',
    unitPriceMinor: 1380_00n,
    lineTotalMinor: 2760_00n,
  },
  {
    name: 'Copperline Wire 2.5 sqmm',
    qty: 3,
    unit: 'coil',
    unitPriceMinor: 2750_00n,
    lineTotalMinor: 8250_00n,
  },
];

function plainHinglish(text: string): void {
  expect(text).not.toMatch(DEVANAGARI);
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
}

describe('Hinglish replies', () => {
  const t = hiLatn;

  it('confirmation lists both lines, the total and credit after', () => {
    const text = t.confirmation({
      orderNo: '#12',
      lines,
      totalMinor: 11_010_00n,
      availableAfterMinor: 38_990_00n,
    });
    plainHinglish(text);
    expect(text).toBe(
      'Aapka order #12 confirm ho gaya. Dhanyavaad!\n' +
        '- 2 box Voltra MCB 16A @ ₹1,380.00 = ₹2,760.00\n' +
        '- 3 coil Copperline Wire 2.5 sqmm @ ₹2,750.00 = ₹8,250.00\n' +
        'Total: ₹11,010.00\n' +
        'Is order ke baad available credit: ₹38,990.00',
    );
  });

  it('awaiting confirmation asks for YES', () => {
    const text = t.awaitingConfirmation({ orderNo: '#12', lines, totalMinor: 11_010_00n });
    plainHinglish(text);
    expect(text).toContain('Total: ₹11,010.00');
    expect(text).toMatch(/Confirm karne ke liye YES bhejiye\.$/);
  });

  it('status shows the order number, its state and amount', () => {
    const text = t.status({
      orders: [
        {
          orderNo: '#12',
          status: 'dispatched',
          totalMinor: 1200_00n,
          createdAt: new Date('2025-12-03T10:00:00Z'),
          dispatch: { date: '2025-12-04', transporter: 'VRL', lrNumber: '5521', vehicle: null },
        },
      ],
    });
    plainHinglish(text);
    expect(text).toBe(
      'Aapke haal ke orders:\n- #12 (3 Dec): bhej diya gaya, ₹1,200.00 — 4 Dec ko bheja, VRL, LR no. 5521',
    );
  });

  it('balance shows outstanding, limit, available and unpaid bills', () => {
    const text = t.balance({
      outstandingMinor: 10_000_00n,
      openOrdersMinor: 1_200_00n,
      limitMinor: 50_000_00n,
      availableMinor: 38_800_00n,
      due: [{ reference: 'INV-7', dueDate: '2026-03-05', openMinor: 4_000_00n, overdueDays: 3 }],
      moreDue: 0,
    });
    plainHinglish(text);
    expect(text).toBe(
      'Bakaya: ₹10,000.00\nKhule orders: ₹1,200.00\nCredit limit: ₹50,000.00\nAvailable: ₹38,800.00\n' +
        'Baaki bill:\n- INV-7: ₹4,000.00, due date 5 Mar (3 din se baaki)',
    );
  });

  it('other and unreadable are plain Hinglish', () => {
    for (const text of [
      t.other(),
      t.unreadable({ reason: 'empty' }),
      t.unreadable({ reason: 'binary' }),
      t.unreadable({ reason: 'too_long' }),
    ]) {
      plainHinglish(text);
      expect(text.length).toBeGreaterThan(20);
    }
    expect(t.unreadable({ reason: 'empty' })).toBe(
      'Aapka message khaali tha. Kripya apna order chhote text message mein bhejiye.',
    );
  });
});

describe('templatesFor', () => {
  it('gives Hinglish for hi-Latn in any case, Devanagari Hindi for hi, English when unknown', () => {
    expect(templatesFor('hi-Latn')).toBe(hiLatn);
    expect(templatesFor('HI-LATN')).toBe(hiLatn);
    expect(templatesFor('hi-latn')).toBe(hiLatn);
    expect(LANGUAGES['hi-latn']).toBe(hiLatn);
    expect(templatesFor('hi')).toBe(LANGUAGES.hi);
    expect(templatesFor('hi-IN')).toBe(LANGUAGES.hi);
    expect(templatesFor('hi').other()).toMatch(DEVANAGARI);
    expect(templatesFor('xx')).toBe(LANGUAGES.en);
    expect(templatesFor('en-US')).toBe(LANGUAGES.en);
    expect(templatesFor(null)).toBe(LANGUAGES.en);
    expect(templatesFor('constructor')).toBe(LANGUAGES.en);
  });
});
