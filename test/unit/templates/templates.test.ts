import { describe, expect, it } from 'vitest';
import { LANGUAGES, rupees, templatesFor } from '../../../templates/index.js';

const line = {
  name: 'Voltra MCB 16A',
  qty: 2,
  unit: 'box',
  unitPriceMinor: 1380_00n,
  lineTotalMinor: 2760_00n,
};

describe('money in replies', () => {
  it.each([
    [0n, '₹0.00'],
    [123450n, '₹1,234.50'],
    [1_00_000_00n, '₹1,00,000.00'],
    [12_34_567_50n, '₹12,34,567.50'],
    [-5_00n, '-₹5.00'],
  ])('%s → %s', (minor, text) => {
    expect(rupees(minor)).toBe(text);
  });
});

describe('English replies', () => {
  const t = templatesFor('en');
  it('confirmation lists lines, total and credit after', () => {
    expect(
      t.confirmation({
        orderNo: '#7',
        lines: [line],
        totalMinor: 2760_00n,
        availableAfterMinor: 7240_00n,
      }),
    ).toBe(
      'Order #7 confirmed. Thank you!\n- 2 box Voltra MCB 16A @ ₹1,380.00 = ₹2,760.00\nTotal: ₹2,760.00\nCredit available after this order: ₹7,240.00',
    );
  });
  it('awaiting confirmation asks for YES', () => {
    expect(t.awaitingConfirmation({ orderNo: '#7', lines: [line], totalMinor: 2760_00n })).toMatch(
      /Reply YES to confirm\.$/,
    );
  });
  it('clarify numbers the choices', () => {
    expect(t.clarify({ mention: 'wire', choices: ['1.5 sqmm', '2.5 sqmm'] })).toBe(
      'Which one did you mean for "wire"?\n1) 1.5 sqmm\n2) 2.5 sqmm\nReply with the number.',
    );
  });
  it('balance without a limit says so', () => {
    expect(
      t.balance({
        outstandingMinor: 0n,
        openOrdersMinor: 0n,
        limitMinor: null,
        availableMinor: null,
        due: [],
        moreDue: 0,
      }),
    ).toContain('Credit limit: none set');
  });
});

describe('Hindi replies', () => {
  const t = templatesFor('hi');
  it('confirmation shows tax, savings and a slab nudge in natural Hindi', () => {
    const text = t.confirmation({
      orderNo: '#7',
      lines: [line],
      totalMinor: 2760_00n,
      availableAfterMinor: null,
      pricing: {
        taxMinor: 421_02n,
        savingsMinor: 140_00n,
        nudges: [
          {
            target: 'Voltra MCB 16A',
            missingQty: 2,
            missingMinor: null,
            unit: 'box',
            discount: '5%',
          },
          {
            target: 'Voltra',
            missingQty: null,
            missingMinor: 500_00n,
            unit: 'box',
            discount: '2%',
          },
        ],
      },
    });
    expect(text.split('\n').slice(-4)).toEqual([
      'इसमें टैक्स: ₹421.02',
      'आपकी बचत: ₹140.00',
      'सुझाव: Voltra MCB 16A के 2 box और जोड़कर 5% छूट पाएँ',
      'सुझाव: Voltra के ₹500.00 और जोड़कर 2% छूट पाएँ',
    ]);
  });
});

describe('every language', () => {
  it.each(Object.entries(LANGUAGES))(
    '%s answers every kind with short text and ₹ money',
    (_lang, t) => {
      const texts = [
        t.confirmation({
          orderNo: '#1',
          lines: [line],
          totalMinor: 2760_00n,
          availableAfterMinor: null,
        }),
        t.awaitingConfirmation({ orderNo: '#1', lines: [line], totalMinor: 2760_00n }),
        t.holdNotice({
          orderNo: '#1',
          totalMinor: 2760_00n,
          availableMinor: 100_00n,
          reasons: ['over_limit'],
        }),
        t.blocked({
          orderNo: '#1',
          totalMinor: 2760_00n,
          availableMinor: null,
          reasons: ['overdue_invoices'],
        }),
        t.receivedChecking({ orderNo: '#1' }),
        t.clarify({ mention: 'x', choices: ['a', 'b'] }),
        t.status({
          orders: [
            {
              orderNo: '#1',
              status: 'held_credit',
              totalMinor: 100n,
              createdAt: new Date('2025-11-12T10:00:00Z'),
            },
          ],
        }),
        t.status({ orders: [] }),
        t.balance({
          outstandingMinor: 1n,
          openOrdersMinor: 2n,
          limitMinor: 10n,
          availableMinor: 7n,
          due: [{ reference: 'INV-1', dueDate: '2026-12-01', openMinor: 5n, overdueDays: 2 }],
          moreDue: 1,
        }),
        t.statement({ lines: [] }),
        t.statement({
          lines: [
            {
              date: '2026-12-01',
              kind: 'invoice',
              reference: 'INV-1',
              amountMinor: 5n,
              balanceMinor: 5n,
            },
          ],
        }),
        t.cancelConfirm({ orderNo: '#1', totalMinor: 100n, status: 'confirmed' }),
        t.cancelled({ orderNo: '#1' }),
        t.cancelKept({ orderNo: '#1' }),
        t.orderDropped({ orderNo: '#1' }),
        t.nothingToCancel(),
        t.unknownSender(),
        t.unknownDealerCode({ code: 'D9' }),
        t.other(),
        t.unreadable({ reason: 'empty' }),
        t.receivedForTeam(),
      ];
      for (const text of texts) {
        expect(text.length).toBeGreaterThan(5);
        expect(text.length).toBeLessThan(400);
        expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      }
      expect(texts[0]).toContain('₹2,760.00');
      expect(texts[6]).toContain('#1');
    },
  );

  it('falls back to English for an unknown language', () => {
    expect(templatesFor('fr')).toBe(LANGUAGES.en);
    expect(templatesFor('hi-IN')).toBe(LANGUAGES.hi);
  });
});
