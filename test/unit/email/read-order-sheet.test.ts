import { describe, expect, it } from 'vitest';
import { readOrderSheet } from '../../../src/channels/email/read-order-sheet.js';

const lines = (rows: string[][]) => {
  const r = readOrderSheet({ rows });
  if (!r.found) throw new Error(r.reason);
  return r.lines;
};

describe('readOrderSheet', () => {
  it('reads code, description and quantity in the usual order', () => {
    expect(
      lines([
        ['Code', 'Description', 'Qty'],
        ['ELX-MCB-16', 'Voltra MCB 16A', '2'],
        ['ELX-LED-09', 'Lumex LED 9W', '1'],
      ]),
    ).toEqual(['ELX-MCB-16 Voltra MCB 16A 2', 'ELX-LED-09 Lumex LED 9W 1']);
  });

  it('finds the columns in any order and ignores serial numbers, rates and amounts', () => {
    expect(
      lines([
        ['S.No', 'Quantity', 'Rate', 'Product', 'SKU', 'Amount'],
        ['1', '3', '1380', 'Voltra MCB 16A', 'ELX-MCB-16', '4140'],
      ]),
    ).toEqual(['ELX-MCB-16 Voltra MCB 16A 3']);
  });

  it('finds the header below a title block and skips blank and totals rows', () => {
    expect(
      lines([
        ['Purchase order', '', ''],
        ['Shop: Sharma Electricals', '', ''],
        ['', '', ''],
        ['Item', 'Cases', 'Remarks'],
        ['Voltra MCB 16A', '2', ''],
        ['', '', ''],
        ['Lumex LED 9W', '1', 'urgent'],
        ['Total', '3', ''],
        ['Grand Total', '3', ''],
      ]),
    ).toEqual(['Voltra MCB 16A 2 cases', 'Lumex LED 9W 1 cases']);
  });

  it('keeps cases and pieces columns apart, each with its unit', () => {
    expect(
      lines([
        ['Item code', 'Item', 'Cases', 'Pcs'],
        ['ELX-MCB-16', 'Voltra MCB', '2', ''],
        ['ELX-LED-09', 'Lumex LED', '', '5'],
        ['ELX-SWT-06', 'Modix switch', '1', '4'],
      ]),
    ).toEqual([
      'ELX-MCB-16 Voltra MCB 2 cases',
      'ELX-LED-09 Lumex LED 5 pcs',
      'ELX-SWT-06 Modix switch 1 cases 4 pcs',
    ]);
  });

  it('takes the unit from a Qty (unit) header or a Unit column', () => {
    expect(
      lines([
        ['Description', 'Qty (box)'],
        ['Voltra MCB 16A', '2.0'],
      ]),
    ).toEqual(['Voltra MCB 16A 2 box']);
    expect(
      lines([
        ['Product', 'Qty', 'UOM'],
        ['Copperline wire 1.5', '1,200', 'mtr'],
        ['Lumex LED 9W', '3 box', ''],
      ]),
    ).toEqual(['Copperline wire 1.5 1200 mtr', 'Lumex LED 9W 3 box']);
  });

  it('skips rows without a positive quantity or without a product', () => {
    expect(
      lines([
        ['Code', 'Qty'],
        ['ELX-MCB-16', '0'],
        ['ELX-LED-09', '-'],
        ['', '4'],
        ['ELX-SWT-06', 'two'],
        ['ELX-WIR-15', '1'],
      ]),
    ).toEqual(['ELX-WIR-15 1']);
  });

  it('says why when there is no header row', () => {
    const r = readOrderSheet({
      rows: [
        ['hello', 'world'],
        ['1', '2'],
      ],
    });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(/no header row/);
  });

  it('stops at the line cap and says so', () => {
    const rows = [['Code', 'Qty'], ...Array.from({ length: 10 }, (_, i) => [`C${i}`, '1'])];
    const r = readOrderSheet({ rows, maxLines: 3 });
    expect(r.found && r.lines.length).toBe(3);
    expect(r.found && r.truncated).toBe(true);
  });
});
