/**
 * The data each reply is written from. Money is bigint minor units; the
 * templates format it (₹1,23,456.50) so every reply shows money one way.
 */

export interface ReplyLine {
  name: string;
  qty: number;
  /** The sales unit (box, coil, bucket, ...). */
  unit: string;
  unitPriceMinor: bigint;
  lineTotalMinor: bigint;
}

export interface OrderSummary {
  /** The short number people use: "order 1042". */
  orderNo: string;
  status: OrderStatusWord;
  totalMinor: bigint;
  createdAt: Date;
}

export type OrderStatusWord =
  | 'needs_review'
  | 'awaiting_confirmation'
  | 'confirmed'
  | 'held_credit'
  | 'held_price'
  | 'blocked'
  | 'cancelled'
  | 'rejected'
  | 'exported'
  | 'dispatched'
  | 'delivered';

export type HoldReason = 'over_limit' | 'overdue_invoices';

export type UnreadableReason = 'empty' | 'binary' | 'too_long';

export interface ReplyTemplates {
  /** Confirmed: the lines as understood, unit prices, total, credit available after. */
  confirmation(d: {
    orderNo: string;
    lines: ReplyLine[];
    totalMinor: bigint;
    /** null: the dealer has no credit limit. */
    availableAfterMinor: bigint | null;
  }): string;
  /** Priced and within credit; waiting for the dealer's YES. */
  awaitingConfirmation(d: { orderNo: string; lines: ReplyLine[]; totalMinor: bigint }): string;
  /** Held for finance: over the limit or overdue invoices. */
  holdNotice(d: {
    orderNo: string;
    totalMinor: bigint;
    availableMinor: bigint | null;
    reasons: HoldReason[];
  }): string;
  /** Refused under the dealer's credit policy. */
  blocked(d: {
    orderNo: string;
    totalMinor: bigint;
    availableMinor: bigint | null;
    reasons: HoldReason[];
  }): string;
  /** The draft needs a person; the dealer hears it arrived. */
  receivedChecking(d: { orderNo: string | null }): string;
  /** Which product was meant, with numbered choices. */
  clarify(d: { mention: string; choices: string[] }): string;
  /** The latest orders and their states. */
  status(d: { orders: OrderSummary[] }): string;
  balance(d: {
    outstandingMinor: bigint;
    openOrdersMinor: bigint;
    limitMinor: bigint | null;
    availableMinor: bigint | null;
  }): string;
  cancelConfirm(d: { orderNo: string; totalMinor: bigint; status: OrderStatusWord }): string;
  cancelled(d: { orderNo: string }): string;
  /** The dealer said no to cancelling: the order stays as it was. */
  cancelKept(d: { orderNo: string }): string;
  /** The dealer said no to an order waiting for YES. */
  orderDropped(d: { orderNo: string }): string;
  nothingToCancel(): string;
  /** The sender is not on file; ops will link them. */
  unknownSender(): string;
  /** A transcript filed for a dealer code that is not on file. */
  unknownDealerCode(d: { code: string }): string;
  /** Greetings, thanks and anything that is not an order or a question we answer. */
  other(): string;
  unreadable(d: { reason: UnreadableReason }): string;
}
