import { describe, expect, it } from 'vitest';
import { openInvoices } from '../../../src/domain/open-invoices.js';

const inv = (reference: string, amountMinor: bigint, dueDate: string | null = null) => ({
  reference,
  date: '2026-11-01',
  dueDate,
  amountMinor,
});

describe('openInvoices', () => {
  it('settles the oldest first and leaves the next partly paid', () => {
    const open = openInvoices(
      [inv('A', 100_00n), inv('B', 300_00n, '2026-12-01'), inv('C', 50_00n, '2026-12-31')],
      250_00n,
      '2026-12-06',
    );
    expect(open.map((o) => [o.reference, o.openMinor, o.overdueDays])).toEqual([
      ['B', 150_00n, 5],
      ['C', 50_00n, 0],
    ]);
  });

  it('has nothing open when payments cover every invoice, and all open when nothing is paid', () => {
    expect(openInvoices([inv('A', 10_00n)], 10_00n, '2026-12-06')).toEqual([]);
    expect(openInvoices([inv('A', 10_00n)], 0n, '2026-12-06')[0]?.openMinor).toBe(10_00n);
  });

  it('treats a negative credit (more debits than credits) as nothing paid', () => {
    expect(openInvoices([inv('A', 10_00n)], -5_00n, '2026-12-06')[0]?.openMinor).toBe(10_00n);
  });
});
