/**
 * One order as the dealer downloads it from the portal: a line per product
 * with quantity, unit price and amount (free goods marked), then tax and
 * total, and the ERP's invoice numbers once billed. Rupees with two
 * decimals, as a spreadsheet reads them.
 */
import { stringify } from 'csv-stringify/sync';
import type { PortalOrderDetail } from '../../repositories/read-models/portal.read-model.js';
import { formatMinor } from '../../domain/money.js';

export function portalOrderCsv(order: PortalOrderDetail): string {
  const money = (minor: bigint | null) => (minor === null ? '' : formatMinor(minor));
  const rows: string[][] = [
    ['order', 'date', 'sku', 'product', 'qty', 'unit', 'unit_price', 'amount'],
  ];
  const date = order.createdAt.toISOString().slice(0, 10);
  for (const l of order.lines) {
    rows.push([
      `#${order.orderNo}`,
      date,
      l.sku,
      l.name,
      String(l.qty),
      l.unit,
      l.free ? '0.00' : money(l.unitPriceMinor),
      l.free ? 'FREE' : money(l.lineTotalMinor),
    ]);
  }
  rows.push(['', '', '', 'Tax', '', '', '', money(order.taxMinor)]);
  rows.push(['', '', '', 'Total', '', '', '', money(order.totalMinor)]);
  if (order.invoices.length > 0)
    rows.push(['', '', '', 'Invoice', '', '', '', order.invoices.join(' ')]);
  return stringify(rows, { record_delimiter: '\r\n' });
}
