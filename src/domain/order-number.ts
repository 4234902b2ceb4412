/**
 * The order number an ERP and an accountant use: `SO-2026-000123`, the
 * year the order was made (India time) and its serial `order_no`. Dealers
 * see the short form `#123` in chat; both name the same order.
 */
const YEAR = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', year: 'numeric' });

export function orderNumber(orderNo: bigint, createdAt: Date): string {
  return `SO-${YEAR.format(createdAt)}-${orderNo.toString().padStart(6, '0')}`;
}

const NUMBER = /^SO-(\d{4})-(\d{1,18})$/i;

/** The serial in `SO-2026-000123` (the year is not needed to find it), or null. */
export function orderNoFromNumber(text: string): bigint | null {
  const match = NUMBER.exec(text.trim());
  return match === null ? null : BigInt(match[2]!);
}
