import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_SHEET_BYTES, readAttachment } from '../../../src/channels/email/read-attachment.js';
import { buildPdf } from '../../integration/email/email-support.js';

describe('readAttachment', () => {
  it('reads a CSV with semicolons and a BOM', async () => {
    const r = await readAttachment({
      filename: 'po.csv',
      contentType: 'text/csv',
      content: Buffer.from('\uFEFFSKU;Item;Qty\nELX-MCB-16;Voltra MCB 16A;2\nTotal;;2\n'),
    });
    expect(r).toMatchObject({ kind: 'csv', lines: ['ELX-MCB-16 Voltra MCB 16A 2'], reason: null });
  });

  it('reads an XLSX built with exceljs, header below a title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('PO');
    ws.addRow(['Purchase order 4411']);
    ws.addRow(['Qty', 'Description', 'Code']);
    ws.addRow([3, 'Lumex LED Bulb 9W', 'ELX-LED-09']);
    ws.addRow([]);
    ws.addRow(['', 'Total', '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readAttachment({
      filename: 'po.xlsx',
      contentType: 'application/octet-stream',
      content,
    });
    expect(r).toMatchObject({
      kind: 'xlsx',
      lines: ['ELX-LED-09 Lumex LED Bulb 9W 3'],
      reason: null,
    });
  });

  it('reads a PDF table by the positions of its text, an empty cell included', async () => {
    const content = buildPdf([
      { x: 50, y: 700, text: 'Code' },
      { x: 150, y: 700, text: 'Description' },
      { x: 400, y: 700, text: 'Qty' },
      { x: 50, y: 680, text: 'ELX-SWT-06' },
      { x: 150, y: 680, text: 'Modix Switch 6A' },
      { x: 400, y: 680, text: '4' },
      { x: 150, y: 660, text: 'Lumex LED Bulb 12W' },
      { x: 400, y: 660, text: '2' },
    ]);
    const r = await readAttachment({ filename: 'po.pdf', contentType: 'application/pdf', content });
    expect(r).toMatchObject({
      kind: 'pdf',
      lines: ['ELX-SWT-06 Modix Switch 6A 4', 'Lumex LED Bulb 12W 2'],
      reason: null,
    });
  });

  it('records a corrupt XLSX, a corrupt PDF and an oversized CSV with a reason, without throwing', async () => {
    const bad = Buffer.from('this is not a zip');
    expect(
      (await readAttachment({ filename: 'x.xlsx', contentType: '', content: bad })).reason,
    ).toMatch(/could not read the XLSX/);
    expect(
      (await readAttachment({ filename: 'x.pdf', contentType: '', content: bad })).reason,
    ).toMatch(/could not read the PDF/);
    const big = Buffer.alloc(MAX_SHEET_BYTES + 1, 'a');
    expect(
      (await readAttachment({ filename: 'x.csv', contentType: '', content: big })).reason,
    ).toMatch(/too large to read: 2\.0 MB/);
  });

  it('records a picture as not an order sheet', async () => {
    const r = await readAttachment({
      filename: 'logo.png',
      contentType: 'image/png',
      content: Buffer.from([1, 2]),
    });
    expect(r).toMatchObject({ kind: 'other', reason: 'not an order sheet (CSV, XLSX or PDF)' });
  });
});
