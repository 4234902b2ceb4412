/**
 * One order as a Tally Prime XML import: the `Import Data` envelope of
 * Tally's XML interface (a file for Gateway of Tally → Import → Vouchers, or
 * the body of a POST to Tally's HTTP port) holding one `Sales Order` voucher.
 *
 * Tally's sign rule: a debit is negative with ISDEEMEDPOSITIVE Yes, a credit
 * positive with No; a voucher's entries add up to zero. The party (the
 * dealer's ledger) is debited the order total; each line credits the sales
 * ledger through its inventory entry; the tax ledger is credited the tax;
 * any difference (an order-level discount, rounding) goes to the rounding
 * ledger. Ledger and stock item names come from the target's mapping by
 * dealer code and SKU, else the dealer's and product's names.
 */
import { create } from 'xmlbuilder2';
import { formatMinor } from '../../domain/money.js';
import type { ExportSheet } from '../../repositories/read-models/order-export-sheet.read-model.js';

export interface TallyMapping {
  /** SVCURRENTCOMPANY; null: the company open in Tally. */
  company: string | null;
  salesLedger: string;
  taxLedger: string;
  roundingLedger: string;
  /** Party ledger name by dealer code. */
  ledgers: Record<string, string>;
  /** Stock item name by SKU. */
  items: Record<string, string>;
}

const tallyAmount = (minor: bigint) => formatMinor(minor);
const tallyDate = (isoDay: string) => isoDay.replaceAll('-', '');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Tally's display form of a due date: 4-Mar-2026. */
const tallyDueDate = (isoDay: string) => {
  const [y, m, d] = isoDay.split('-');
  return `${Number(d)}-${MONTHS[Number(m) - 1]}-${y}`;
};

export function tallySalesOrderXml(sheet: ExportSheet, mapping: TallyMapping): string {
  const party = mapping.ledgers[sheet.dealerCode] ?? sheet.dealerName;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('ENVELOPE');
  root.ele('HEADER').ele('TALLYREQUEST').txt('Import Data');
  const importData = root.ele('BODY').ele('IMPORTDATA');
  const desc = importData.ele('REQUESTDESC');
  desc.ele('REPORTNAME').txt('Vouchers');
  if (mapping.company !== null) {
    desc.ele('STATICVARIABLES').ele('SVCURRENTCOMPANY').txt(mapping.company);
  }
  const voucher = importData
    .ele('REQUESTDATA')
    .ele('TALLYMESSAGE', { 'xmlns:UDF': 'TallyUDF' })
    .ele('VOUCHER', {
      REMOTEID: `orderdesk-${sheet.id}-v${sheet.version}`,
      VCHTYPE: 'Sales Order',
      ACTION: 'Create',
      OBJVIEW: 'Invoice Voucher View',
    });
  voucher.ele('DATE').txt(tallyDate(sheet.date));
  voucher.ele('VOUCHERTYPENAME').txt('Sales Order');
  voucher.ele('VOUCHERNUMBER').txt(sheet.number);
  voucher.ele('REFERENCE').txt(sheet.number);
  voucher.ele('PARTYLEDGERNAME').txt(party);
  voucher.ele('PERSISTEDVIEW').txt('Invoice Voucher View');
  voucher.ele('ISINVOICE').txt('Yes');
  voucher
    .ele('NARRATION')
    .txt(`Order Desk ${sheet.number} (version ${sheet.version}) via ${sheet.channel}`);

  const ledger = (name: string, minor: bigint, partyLedger = false) => {
    const entry = voucher.ele('LEDGERENTRIES.LIST');
    entry.ele('LEDGERNAME').txt(name);
    entry.ele('ISDEEMEDPOSITIVE').txt(minor < 0n ? 'Yes' : 'No');
    if (partyLedger) entry.ele('ISPARTYLEDGER').txt('Yes');
    entry.ele('AMOUNT').txt(tallyAmount(minor));
  };
  ledger(party, -sheet.totalMinor, true);
  if (sheet.taxMinor !== 0n) ledger(mapping.taxLedger, sheet.taxMinor);
  const linesNet = sheet.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0n);
  const rest = sheet.totalMinor - linesNet - sheet.taxMinor;
  if (rest !== 0n) ledger(mapping.roundingLedger, rest);

  for (const line of sheet.lines) {
    const item = mapping.items[line.sku] ?? line.name;
    const qty = ` ${line.qty} ${line.unit}`;
    const amount = tallyAmount(line.lineTotalMinor);
    const inv = voucher.ele('ALLINVENTORYENTRIES.LIST');
    inv.ele('STOCKITEMNAME').txt(item);
    inv.ele('ISDEEMEDPOSITIVE').txt('No');
    inv.ele('RATE').txt(`${tallyAmount(line.unitPriceMinor)}/${line.unit}`);
    if (line.discountMinor !== 0n) inv.ele('DISCOUNT').txt(tallyAmount(line.discountMinor));
    inv.ele('AMOUNT').txt(amount);
    inv.ele('ACTUALQTY').txt(qty);
    inv.ele('BILLEDQTY').txt(qty);
    const batch = inv.ele('BATCHALLOCATIONS.LIST');
    batch.ele('ORDERNO').txt(sheet.number);
    batch.ele('AMOUNT').txt(amount);
    batch.ele('ACTUALQTY').txt(qty);
    batch.ele('BILLEDQTY').txt(qty);
    batch.ele('ORDERDUEDATE', { P: tallyDueDate(sheet.date) }).txt(tallyDueDate(sheet.date));
    const alloc = inv.ele('ACCOUNTINGALLOCATIONS.LIST');
    alloc.ele('LEDGERNAME').txt(mapping.salesLedger);
    alloc.ele('ISDEEMEDPOSITIVE').txt('No');
    alloc.ele('AMOUNT').txt(amount);
  }
  return `${root.end({ prettyPrint: true, indent: '  ', newline: '\r\n' })}\r\n`;
}
