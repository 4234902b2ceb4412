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
  /** Free goods from a scheme: shown as FREE. */
  free?: boolean;
}

/** "add 2 box of Voltra for 5% off": a slab the order is close to. */
export interface SlabNudgeFacts {
  /** Sales units still missing (basis qty), or null. */
  missingQty: number | null;
  /** Amount still missing (basis amount), or null. */
  missingMinor: bigint | null;
  /** The sales unit of a qty nudge ("box"). */
  unit: string;
  /** What to add: a brand, category or product name. */
  target: string;
  /** "5%", "2.5%". */
  discount: string;
}

/** What a priced confirmation adds: tax shown separately, savings, nudges. */
export interface PricingFacts {
  taxMinor: bigint;
  /** Against list prices, free goods included. */
  savingsMinor: bigint;
  nudges: SlabNudgeFacts[];
}

/** A line held for a price the dealer asked for. */
export interface AskedPriceLine {
  name: string;
  requestedMinor: bigint;
  /** The best price lists, slabs and schemes allow. */
  allowedMinor: bigint;
}

export interface OrderSummary {
  /** The short number people use: "order 1042". */
  orderNo: string;
  status: OrderStatusWord;
  totalMinor: bigint;
  createdAt: Date;
  /** The latest shipment, once the warehouse reported one. */
  dispatch?: ShipmentFacts | null;
  /** YYYY-MM-DD, once delivered. */
  deliveredOn?: string | null;
}

export interface ShipmentFacts {
  /** YYYY-MM-DD. */
  date: string;
  transporter: string | null;
  lrNumber: string | null;
  vehicle: string | null;
}

/** One ledger entry in the dealer's statement; amount signed (+ owed, − paid). */
export interface StatementLine {
  /** YYYY-MM-DD. */
  date: string;
  kind: 'invoice' | 'payment' | 'credit_note' | 'debit_note' | 'adjustment';
  reference: string | null;
  amountMinor: bigint;
  /** What the dealer owes after this entry. */
  balanceMinor: bigint;
}

/** An invoice not yet paid in full. */
export interface DueInvoice {
  reference: string | null;
  /** YYYY-MM-DD, or null when the ERP gave none. */
  dueDate: string | null;
  openMinor: bigint;
  overdueDays: number;
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
  | 'invoiced'
  | 'dispatched'
  | 'delivered';

export type HoldReason = 'over_limit' | 'overdue_invoices';

export type UnreadableReason = 'empty' | 'binary' | 'too_long';

/** Why a file sent to us was not taken (src/domain/files/file-policy.ts). */
export type FileRefusalReason = 'too_large' | 'type_mismatch' | 'unsupported_type' | 'unavailable';

export interface ReplyTemplates {
  /** Confirmed: the lines as understood, unit prices, total, credit available after. */
  confirmation(d: {
    orderNo: string;
    lines: ReplyLine[];
    totalMinor: bigint;
    /** null: the dealer has no credit limit. */
    availableAfterMinor: bigint | null;
    pricing?: PricingFacts;
  }): string;
  /** Priced and within credit; waiting for the dealer's YES. */
  awaitingConfirmation(d: {
    orderNo: string;
    lines: ReplyLine[];
    totalMinor: bigint;
    pricing?: PricingFacts;
  }): string;
  /** Held: a price the dealer asked for needs a sales manager's approval. */
  priceHeld(d: { orderNo: string; lines: AskedPriceLine[] }): string;
  /** The asked price was approved (the confirmation or hold notice follows). */
  priceApproved(d: { orderNo: string }): string;
  /** The asked price was not approved (the standard-price question follows). */
  priceRejected(d: { orderNo: string; note: string }): string;
  /** Finance released a credit hold (the confirmation follows). */
  creditReleased(d: { orderNo: string }): string;
  /** A held order the dealer's payment (or a credit note) made room for. */
  releasedByPayment(d: { orderNo: string; payment: boolean }): string;
  /** The order (or part of it) left the warehouse. */
  dispatched(d: ShipmentFacts & { orderNo: string; partial: boolean }): string;
  /** Finance did not release a credit hold: the order is rejected. */
  creditRejected(d: { orderNo: string; note: string }): string;
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
  /** A message that orders nothing which a person reads before answering (a return, a complaint). */
  receivedForTeam(): string;
  /** Which product was meant, with numbered choices. */
  clarify(d: { mention: string; choices: string[] }): string;
  /** The latest orders and their states. */
  status(d: { orders: OrderSummary[] }): string;
  /** "my last 5 orders", "pichle mahine ke orders". */
  history(d: {
    orders: OrderSummary[];
    period: 'recent' | 'this_month' | 'last_month';
    /** Orders of the month not listed. */
    more: number;
    /** The month's value (not rejected or cancelled); null for "recent". */
    periodTotalMinor: bigint | null;
  }): string;
  /** Before the priced draft of a reorder ("same as last time"). */
  reorderIntro(d: { fromOrderNo: string }): string;
  /** "same as last time" from a dealer with no earlier order. */
  noPreviousOrder(): string;
  /** To a dealer who opted in, once their usual ordering interval has passed. */
  usualOrderReminder(d: { daysSinceLast: number; lastOrderNo: string }): string;
  /** Heads one reply that gathers the orders of a message for several dealers (a rep's). */
  combinedRepliesHeading(d: { orders: number }): string;
  /** Lines added to a confirmed order: the whole order again with its new total. */
  amended(d: {
    /** What the dealer did: the first words of the reply. */
    change: 'added' | 'removed' | 'changed';
    orderNo: string;
    lines: ReplyLine[];
    totalMinor: bigint;
    previousTotalMinor: bigint;
    availableAfterMinor: bigint | null;
    pricing: PricingFacts;
  }): string;
  /** Before a new order made of lines meant for an order already billed or shipped. */
  amendTooLate(d: { orderNo: string; status: OrderStatusWord }): string;
  /** A removal or a smaller quantity asked for an order already billed or shipped: a person calls. */
  amendTooLateToChange(d: { orderNo: string; status: OrderStatusWord }): string;
  /** Before a new order made of lines that would take an order past the credit rules. */
  amendOverCredit(d: { orderNo: string }): string;
  balance(d: {
    outstandingMinor: bigint;
    openOrdersMinor: bigint;
    limitMinor: bigint | null;
    availableMinor: bigint | null;
    /** Open invoices, oldest first (at most a few). */
    due: DueInvoice[];
    /** More open invoices than `due` lists. */
    moreDue: number;
  }): string;
  /** The dealer asked for a statement (ledger, khata): the latest entries. */
  statement(d: { lines: StatementLine[]; attached?: boolean }): string;
  cancelConfirm(d: { orderNo: string; totalMinor: bigint; status: OrderStatusWord }): string;
  cancelled(d: { orderNo: string }): string;
  /** The dealer said no to cancelling: the order stays as it was. */
  cancelKept(d: { orderNo: string }): string;
  /** The dealer said no to an order waiting for YES. */
  orderDropped(d: { orderNo: string }): string;
  nothingToCancel(): string;
  /** Heads a reply to a rep: whose order it is. */
  forDealer(d: { name: string; code: string }): string;
  /** A late answer to a question our team already settled. */
  alreadyHandled(d: { orderNo: string; status: OrderStatusWord }): string;
  /** The dealer's account is switched off: a person will answer. */
  dealerInactive(): string;
  /** The sender is not on file; ops will link them. */
  unknownSender(): string;
  /** A transcript filed for a dealer code that is not on file. */
  unknownDealerCode(d: { code: string }): string;
  /** Greetings, thanks and anything that is not an order or a question we answer. */
  other(): string;
  /** The portal sign-in link, sent on the dealer's own channel. */
  portalLink(d: { url: string; minutes: number }): string;
  /** Too many links asked for within the hour. */
  portalLinkLimited(d: { minutes: number }): string;
  unreadable(d: { reason: UnreadableReason }): string;
  /** A file we did not take, and what to send instead; sizes written out ("30.0 MB"). */
  fileRefused(d: { reason: FileRefusalReason; size: string | null; limit: string | null }): string;
  /** A voice note (or a file) a person will look at. */
  fileForTeam(d: { voice: boolean }): string;
}
