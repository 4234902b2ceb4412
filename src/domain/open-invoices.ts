/**
 * Which invoices are still open, and for how much: everything the dealer
 * paid or was credited settles invoices oldest first (the rule the ledger
 * marks `settled_at` by), so the first open invoice may be partly paid.
 * Pure; the dealer's statement and balance reply use it.
 */
export interface InvoiceForSettling {
  reference: string | null;
  /** YYYY-MM-DD. */
  date: string;
  dueDate: string | null;
  amountMinor: bigint;
}

export interface OpenInvoice extends InvoiceForSettling {
  /** What is still unpaid of it. */
  openMinor: bigint;
  /** Days past its due date on `today`; 0 when not yet due or no due date. */
  overdueDays: number;
}

const DAY_MS = 86_400_000;

/**
 * @param invoices oldest first
 * @param creditedMinor everything paid or credited so far (positive)
 * @param today YYYY-MM-DD
 */
export function openInvoices(
  invoices: readonly InvoiceForSettling[],
  creditedMinor: bigint,
  today: string,
): OpenInvoice[] {
  let credit = creditedMinor < 0n ? 0n : creditedMinor;
  const open: OpenInvoice[] = [];
  for (const invoice of invoices) {
    const covered = credit >= invoice.amountMinor ? invoice.amountMinor : credit;
    credit -= covered;
    const openMinor = invoice.amountMinor - covered;
    if (openMinor <= 0n) continue;
    const overdue =
      invoice.dueDate === null
        ? 0
        : Math.round((Date.parse(today) - Date.parse(invoice.dueDate)) / DAY_MS);
    open.push({ ...invoice, openMinor, overdueDays: Math.max(0, overdue) });
  }
  return open;
}
