/**
 * One email attachment (or a WhatsApp document, src/services/files/read-inbound-files.ts) →
 * what it says as order lines, or why not.
 *
 * CSV (csv-parse; `,` `;` or tab), XLSX (exceljs; every worksheet) and PDF
 * (unpdf; text items grouped into rows by their position) become rows of
 * cells for `readOrderSheet`. Anything else is recorded, not read. Nothing
 * here throws: a corrupt or oversized file comes back with a reason.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractTextItems, getDocumentProxy } from 'unpdf';
import { isHeaderRow, readOrderSheet } from './read-order-sheet.js';

/** Attachments larger than this are recorded but not read. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
/** Only the first pages of a PDF are read. */
export const MAX_PDF_PAGES = 20;
/** Rows read from one spreadsheet or CSV (all worksheets together). */
export const MAX_SHEET_ROWS = 5_000;

export type AttachmentKind = 'csv' | 'xlsx' | 'pdf' | 'other';

export interface ReadAttachmentInput {
  filename: string | null;
  contentType: string;
  content: Buffer;
  /** Larger files are recorded but not read. Default `MAX_SHEET_BYTES` (WhatsApp passes its own limit). */
  maxBytes?: number;
}

/** Stored on the inbound message (`attachments`), one per attachment. */
export interface AttachmentReading {
  filename: string;
  content_type: string;
  size: number;
  kind: AttachmentKind;
  /** Order lines read from it (also placed in the message text). */
  lines: string[];
  /** null when read; otherwise why it was not (too large, unreadable, no order table, not a sheet). */
  reason: string | null;
}

export function attachmentKind(filename: string | null, contentType: string): AttachmentKind {
  const name = (filename ?? '').toLowerCase();
  const type = contentType.toLowerCase();
  if (name.endsWith('.csv') || type === 'text/csv' || type === 'application/csv') return 'csv';
  if (
    name.endsWith('.xlsx') ||
    type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
    return 'xlsx';
  if (name.endsWith('.pdf') || type === 'application/pdf') return 'pdf';
  return 'other';
}

export async function readAttachment(input: ReadAttachmentInput): Promise<AttachmentReading> {
  const kind = attachmentKind(input.filename, input.contentType);
  const base = {
    filename: input.filename ?? '(no name)',
    content_type: input.contentType,
    size: input.content.length,
    kind,
  };
  if (kind === 'other')
    return { ...base, lines: [], reason: 'not an order sheet (CSV, XLSX or PDF)' };
  const maxBytes = input.maxBytes ?? MAX_SHEET_BYTES;
  if (input.content.length > maxBytes) {
    return {
      ...base,
      lines: [],
      reason: `too large to read: ${formatBytes(input.content.length)} (the limit is ${formatBytes(maxBytes)})`,
    };
  }
  let rows: string[][];
  try {
    rows =
      kind === 'csv'
        ? csvRows(input.content)
        : kind === 'xlsx'
          ? await xlsxRows(input.content)
          : await pdfRows(input.content);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      lines: [],
      reason: `could not read the ${kind.toUpperCase()}: ${why.slice(0, 200)}`,
    };
  }
  const sheet = readOrderSheet({ rows });
  if (!sheet.found) return { ...base, lines: [], reason: sheet.reason };
  if (sheet.lines.length === 0) {
    return { ...base, lines: [], reason: 'the order table has no rows with a quantity' };
  }
  return {
    ...base,
    lines: sheet.lines,
    reason: sheet.truncated ? `only the first ${sheet.lines.length} lines were read` : null,
  };
}

function csvRows(content: Buffer): string[][] {
  const text = content.toString('utf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const records = parseCsv(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    to: MAX_SHEET_ROWS,
  }) as string[][];
  return records;
}

async function xlsxRows(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: true }, (row) => {
      if (rows.length >= MAX_SHEET_ROWS) return;
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text);
      rows.push(cells);
    });
    // a blank row between worksheets keeps their tables apart
    rows.push([]);
  }
  return rows;
}

/**
 * Text items on (nearly) the same baseline form a line; items close together
 * on a line form one cell. Below a header row, each cell goes to the header
 * column nearest its left edge, so an empty cell does not shift the others.
 */
async function pdfRows(content: Buffer): Promise<string[][]> {
  // verbosity 0: a broken PDF must not print pdf.js warnings into the service log
  const pdf = await getDocumentProxy(new Uint8Array(content), { verbosity: 0 });
  try {
    const { items } = await extractTextItems(pdf);
    const rows: string[][] = [];
    for (const page of items.slice(0, MAX_PDF_PAGES)) {
      const lines: {
        y: number;
        size: number;
        items: { x: number; end: number; text: string }[];
      }[] = [];
      for (const item of page) {
        if (item.str.trim() === '') continue;
        const tolerance = Math.max(2, item.fontSize * 0.4);
        let line = lines.find((l) => Math.abs(l.y - item.y) <= tolerance);
        if (!line) {
          line = { y: item.y, size: item.fontSize, items: [] };
          lines.push(line);
        }
        line.items.push({ x: item.x, end: item.x + item.width, text: item.str.trim() });
      }
      lines.sort((a, b) => b.y - a.y); // PDF y grows upwards
      let header: { x: number }[] | null = null;
      for (const line of lines) {
        const cells = mergeCells(line.items, line.size);
        if (header === null || isHeaderRow(cells.map((c) => c.text))) {
          if (isHeaderRow(cells.map((c) => c.text))) header = cells;
          rows.push(cells.map((c) => c.text));
          continue;
        }
        const row: string[] = header.map(() => '');
        for (const cell of cells) {
          let best = 0;
          header.forEach((h, k) => {
            if (Math.abs(h.x - cell.x) < Math.abs(header![best]!.x - cell.x)) best = k;
          });
          row[best] = row[best] ? `${row[best]} ${cell.text}` : cell.text;
        }
        rows.push(row);
      }
      rows.push([]);
    }
    return rows;
  } finally {
    await pdf.destroy();
  }
}

function mergeCells(
  items: { x: number; end: number; text: string }[],
  fontSize: number,
): { x: number; end: number; text: string }[] {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  const cells: { x: number; end: number; text: string }[] = [];
  for (const item of sorted) {
    const last = cells.at(-1);
    if (last && item.x - last.end < fontSize * 0.8) {
      last.text = `${last.text} ${item.text}`;
      last.end = Math.max(last.end, item.end);
    } else {
      cells.push({ ...item });
    }
  }
  return cells;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
