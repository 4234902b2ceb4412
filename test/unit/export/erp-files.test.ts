/**
 * The ERP files of one order are byte-stable (golden files under
 * test/fixtures/export; regenerate with UPDATE_GOLDEN=1 after a deliberate
 * change and read the diff), and the Tally XML is well-formed and balanced
 * the way Tally checks a voucher: its ledger and inventory amounts add up
 * to zero, the party ledger is debited the order total, names come from
 * the mapping.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import type { ExportSheet } from '../../../src/repositories/read-models/order-export-sheet.read-model.js';
import { orderCsv } from '../../../src/services/export/order-files.js';
import { tallySalesOrderXml, type TallyMapping } from '../../../src/services/export/tally-xml.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/export');

const SHEET: ExportSheet = {
  id: '6f1c2a8e-3b7d-4c1e-9a52-0d4e8b7f1a23',
  number: 'SO-2026-000123',
  version: 2,
  date: '2026-12-04',
  dealerCode: 'TST-01',
  dealerName: 'Sharma & Sons, Hardware',
  channel: 'whatsapp',
  subtotalMinor: 4_140_00n + 1_799_50n * 2n,
  discountMinor: 207_00n,
  taxMinor: 1_356_21n,
  totalMinor: 8_888_21n,
  lines: [
    {
      lineNo: 1,
      sku: 'TST-MCB-16',
      name: 'MCB 16A "Single" Pole',
      unit: 'box',
      qty: 3,
      unitPriceMinor: 1_380_00n,
      discountMinor: 207_00n,
      taxRateBp: 1800,
      taxMinor: 707_94n,
      lineTotalMinor: 3_933_00n,
      free: false,
    },
    {
      lineNo: 2,
      sku: 'TST-WIR-15',
      name: 'तार 1.5 sqmm 90m',
      unit: 'coil',
      qty: 2,
      unitPriceMinor: 1_799_50n,
      discountMinor: 0n,
      taxRateBp: 1800,
      taxMinor: 647_82n,
      lineTotalMinor: 3_599_00n,
      free: false,
    },
    {
      lineNo: 3,
      sku: 'TST-TAPE',
      name: 'Insulation tape',
      unit: 'pcs',
      qty: 1,
      unitPriceMinor: 0n,
      discountMinor: 0n,
      taxRateBp: 0,
      taxMinor: 0n,
      lineTotalMinor: 0n,
      free: true,
    },
  ],
};

const MAPPING: TallyMapping = {
  company: 'Test Traders 2026-27',
  salesLedger: 'Sales GST 18%',
  taxLedger: 'Output IGST 18%',
  roundingLedger: 'Round Off',
  ledgers: { 'TST-01': 'Sharma & Sons (Indore)' },
  items: { 'TST-MCB-16': 'MCB 16A SP' },
};

function golden(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('the CSV export', () => {
  it('matches its golden file byte for byte', () => {
    golden('order.csv', orderCsv(SHEET));
  });

  it('is the same bytes every time', () => {
    expect(orderCsv(SHEET)).toBe(orderCsv(structuredClone(SHEET)));
  });
});

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node];
const minor = (amount: unknown) => BigInt(Math.round(Number(String(amount)) * 100));

describe('the Tally Prime XML export', () => {
  const xml = tallySalesOrderXml(SHEET, MAPPING);

  it('matches its golden file byte for byte', () => {
    golden('order.tally.xml', xml);
  });

  it('is a well-formed Import Data envelope with one balanced Sales Order voucher', () => {
    const doc = create(xml).end({ format: 'object' }) as Node;
    const envelope = doc['ENVELOPE'] as Node;
    expect((envelope['HEADER'] as Node)['TALLYREQUEST']).toBe('Import Data');
    const importData = (envelope['BODY'] as Node)['IMPORTDATA'] as Node;
    const desc = importData['REQUESTDESC'] as Node;
    expect(desc['REPORTNAME']).toBe('Vouchers');
    expect((desc['STATICVARIABLES'] as Node)['SVCURRENTCOMPANY']).toBe('Test Traders 2026-27');
    const message = (importData['REQUESTDATA'] as Node)['TALLYMESSAGE'] as Node;
    const voucher = message['VOUCHER'] as Node;
    expect(voucher['@VCHTYPE']).toBe('Sales Order');
    expect(voucher['@REMOTEID']).toBe(`orderdesk-${SHEET.id}-v2`);
    expect(voucher['DATE']).toBe('20261204');
    expect(voucher['VOUCHERNUMBER']).toBe('SO-2026-000123');
    // The object form keeps text escaped; the DOM reads it as Tally will.
    const dom = create(xml).root().node as unknown as {
      getElementsByTagName(tag: string): ArrayLike<{ textContent: string | null }>;
    };
    expect(dom.getElementsByTagName('PARTYLEDGERNAME')[0]?.textContent).toBe(
      'Sharma & Sons (Indore)',
    );

    const ledgers = list(voucher['LEDGERENTRIES.LIST']);
    const inventory = list(voucher['ALLINVENTORYENTRIES.LIST']);
    const party = ledgers.find((l) => l['ISPARTYLEDGER'] === 'Yes')!;
    expect(minor(party['AMOUNT'])).toBe(-SHEET.totalMinor);
    expect(party['ISDEEMEDPOSITIVE']).toBe('Yes');
    // Tally refuses a voucher whose debits and credits differ.
    const sum = [...ledgers, ...inventory].reduce((s, e) => s + minor(e['AMOUNT']), 0n);
    expect(sum).toBe(0n);
    expect(inventory.map((i) => i['STOCKITEMNAME'])).toEqual([
      'MCB 16A SP',
      'तार 1.5 sqmm 90m',
      'Insulation tape',
    ]);
    for (const entry of inventory) {
      const alloc = entry['ACCOUNTINGALLOCATIONS.LIST'] as Node;
      expect(alloc['LEDGERNAME']).toBe('Sales GST 18%');
      expect(alloc['AMOUNT']).toBe(entry['AMOUNT']);
      expect((entry['BATCHALLOCATIONS.LIST'] as Node)['ORDERNO']).toBe('SO-2026-000123');
    }
  });

  it('escapes what XML must escape', () => {
    expect(xml).toContain('<PARTYLEDGERNAME>Sharma &amp; Sons (Indore)</PARTYLEDGERNAME>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});
