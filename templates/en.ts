import { rupees, shortDate, shortDay } from './format.js';
import type {
  OrderSummary,
  StatementLine,
  HoldReason,
  PricingFacts,
  OrderStatusWord,
  ShipmentFacts,
  ReplyLine,
  ReplyTemplates,
  UnreadableReason,
  FileRefusalReason,
} from './types.js';

const LEDGER_KIND: Record<StatementLine['kind'], string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  adjustment: 'Adjustment',
};

const STATUS: Record<OrderStatusWord, string> = {
  needs_review: 'being checked',
  awaiting_confirmation: 'waiting for your YES',
  confirmed: 'confirmed',
  held_credit: 'on credit hold',
  held_price: 'price being approved',
  blocked: 'blocked',
  cancelled: 'cancelled',
  rejected: 'rejected',
  exported: 'being packed',
  invoiced: 'invoiced, being packed',
  dispatched: 'dispatched',
  delivered: 'delivered',
};

/** "- #12 (3 Dec): confirmed, ₹1,200.00, dispatched 4 Dec by VRL" */
function statusLineEn(o: OrderSummary): string {
  return (
    `- ${o.orderNo} (${shortDate(o.createdAt)}): ${STATUS[o.status]}, ${rupees(o.totalMinor)}` +
    shipmentEn(o.dispatch ?? null, o.deliveredOn ?? null)
  );
}

function shipmentEn(dispatch: ShipmentFacts | null, deliveredOn: string | null): string {
  const parts: string[] = [];
  if (dispatch !== null) {
    parts.push(
      `dispatched ${shortDay(dispatch.date)}` +
        (dispatch.transporter === null ? '' : ` by ${dispatch.transporter}`) +
        (dispatch.lrNumber === null ? '' : `, LR no. ${dispatch.lrNumber}`),
    );
  }
  if (deliveredOn !== null) parts.push(`delivered ${shortDay(deliveredOn)}`);
  return parts.length === 0 ? '' : ` — ${parts.join('; ')}`;
}

const HOLD: Record<HoldReason, string> = {
  over_limit: 'it is above your available credit',
  overdue_invoices: 'an invoice is overdue',
};

const FILE_REFUSED: Record<FileRefusalReason, (size: string, limit: string) => string> = {
  too_large: (size, limit) => `Your file is too large for us (${size}; we take up to ${limit}).`,
  type_mismatch: () => 'We could not open your file: it is not the kind of file its name says.',
  unsupported_type: () => 'We cannot read this kind of file.',
  unavailable: () => 'We could not download your file.',
};

const UNREADABLE: Record<UnreadableReason, string> = {
  empty: 'Your message was empty.',
  binary: 'We could not read your message.',
  too_long: 'Your message was too long for us to read.',
};

function lines(items: ReplyLine[]): string {
  return items
    .map((l) =>
      l.free === true
        ? `- ${l.qty} ${l.unit} ${l.name} ${FREE}`
        : `- ${l.qty} ${l.unit} ${l.name} @ ${rupees(l.unitPriceMinor)} = ${rupees(l.lineTotalMinor)}`,
    )
    .join('\n');
}

function available(minor: bigint | null): string {
  return minor === null ? '' : `\nAvailable credit: ${rupees(minor)}`;
}

const FREE = 'FREE';

function pricingText(p: PricingFacts | undefined): string {
  if (p === undefined) return '';
  let text = '';
  if (p.taxMinor > 0n) text += `\nincl. tax ${rupees(p.taxMinor)}`;
  if (p.savingsMinor > 0n) text += `\nYou saved ${rupees(p.savingsMinor)}`;
  for (const n of p.nudges) {
    const more =
      n.missingQty !== null ? `${n.missingQty} ${n.unit}` : `${rupees(n.missingMinor ?? 0n)} more`;
    text += `\nTip: add ${more} of ${n.target} for ${n.discount} off`;
  }
  return text;
}

export const en: ReplyTemplates = {
  confirmation: (d) =>
    `Order ${d.orderNo} confirmed. Thank you!\n${lines(d.lines)}\nTotal: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null
      ? ''
      : `\nCredit available after this order: ${rupees(d.availableAfterMinor)}`),
  awaitingConfirmation: (d) =>
    `Order ${d.orderNo}, please check:\n${lines(d.lines)}\nTotal: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    `\nReply YES to confirm.`,
  priceHeld: (d) =>
    `Order ${d.orderNo} is received. The price you asked for needs our sales manager's approval:\n` +
    d.lines
      .map(
        (l) =>
          `- ${l.name}: you asked ${rupees(l.requestedMinor)}, our price ${rupees(l.allowedMinor)}`,
      )
      .join('\n') +
    `\nWe will confirm shortly.`,
  priceApproved: (d) => `Good news: your price for order ${d.orderNo} is approved.`,
  priceRejected: (d) =>
    `Sorry, we could not approve the price you asked for on order ${d.orderNo}` +
    (d.note.trim() === '' ? '.' : ` (${d.note.trim()}).`),
  creditReleased: (d) => `Order ${d.orderNo} is released by our accounts team.`,
  releasedByPayment: (d) =>
    `${d.payment ? 'Thank you, your payment is received' : 'A credit note is entered in your account'}; order ${d.orderNo} is released.`,
  dispatched: (d) =>
    `${d.partial ? 'Part of order' : 'Order'} ${d.orderNo} is dispatched on ${shortDay(d.date)}` +
    (d.transporter === null ? '' : ` by ${d.transporter}`) +
    (d.lrNumber === null ? '' : `, LR no. ${d.lrNumber}`) +
    (d.vehicle === null ? '' : `, vehicle ${d.vehicle}`) +
    '.',
  creditRejected: (d) =>
    `Sorry, order ${d.orderNo} cannot be released on credit` +
    (d.note.trim() === '' ? '.' : ` (${d.note.trim()}).`) +
    `\nPlease contact our accounts team.`,
  holdNotice: (d) =>
    `Order ${d.orderNo} (${rupees(d.totalMinor)}) is received and on hold because ${d.reasons.map((r) => HOLD[r]).join(' and ')}.` +
    available(d.availableMinor) +
    `\nOur accounts team will contact you; a payment releases it.`,
  blocked: (d) =>
    `Sorry, order ${d.orderNo} (${rupees(d.totalMinor)}) cannot be accepted because ${d.reasons.map((r) => HOLD[r]).join(' and ')}.` +
    available(d.availableMinor) +
    `\nPlease contact our accounts team.`,
  receivedChecking: (d) =>
    `Received your order${d.orderNo === null ? '' : ` (${d.orderNo})`}. We are checking a few details and will confirm shortly.`,
  receivedForTeam: () =>
    'Thank you, we have your message. Someone from our team will look into it and reply shortly.',
  clarify: (d) =>
    `Which one did you mean for "${d.mention}"?\n${d.choices.map((c, i) => `${i + 1}) ${c}`).join('\n')}\nReply with the number.`,
  status: (d) =>
    d.orders.length === 0
      ? 'You have no orders with us yet.'
      : `Your latest orders:\n${d.orders.map(statusLineEn).join('\n')}`,
  history: (d) => {
    const heading =
      d.period === 'recent'
        ? `Your last ${d.orders.length} order${d.orders.length === 1 ? '' : 's'}:`
        : `Your orders ${d.period === 'this_month' ? 'this month' : 'last month'}: ${d.orders.length + d.more}, worth ${rupees(d.periodTotalMinor ?? 0n)}`;
    if (d.orders.length === 0) {
      return d.period === 'recent'
        ? 'You have no orders with us yet.'
        : `You placed no orders ${d.period === 'this_month' ? 'this month' : 'last month'}.`;
    }
    return (
      `${heading}\n${d.orders.map(statusLineEn).join('\n')}` +
      (d.more > 0 ? `\n…and ${d.more} more. Send "portal link" to see them all.` : '')
    );
  },
  amended: (d) =>
    `${{ added: `Added to order ${d.orderNo}.`, removed: `Removed from order ${d.orderNo}.`, changed: `Order ${d.orderNo} changed.` }[d.change]} The order now:\n${lines(d.lines)}\nNew total: ${rupees(d.totalMinor)} (was ${rupees(d.previousTotalMinor)})` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null ? '' : `\nCredit available: ${rupees(d.availableAfterMinor)}`),
  amendTooLate: (d) =>
    `Order ${d.orderNo} is already ${STATUS[d.status]}, so these items are a new order.`,
  amendTooLateToChange: (d) =>
    `Order ${d.orderNo} is already ${STATUS[d.status]}, so it cannot be changed here. Our team will call you about it.`,
  amendOverCredit: (d) =>
    `Adding these to order ${d.orderNo} would go past your credit limit, so order ${d.orderNo} stays as it was and these items are a new order.`,
  usualOrderReminder: (d) =>
    `It has been ${d.daysSinceLast} days since your last order (${d.lastOrderNo}). Reply "same as last time" to order it again, or send your list.`,
  combinedRepliesHeading: (d) => `Your message made ${d.orders} orders:`,
  reorderIntro: (d) => `Your order ${d.fromOrderNo} again, at today's prices.`,
  noPreviousOrder: () =>
    'We have no earlier order of yours to repeat. Please send the items and quantities.',
  balance: (d) =>
    `Outstanding: ${rupees(d.outstandingMinor)}\nOpen orders: ${rupees(d.openOrdersMinor)}` +
    (d.limitMinor === null
      ? '\nCredit limit: none set'
      : `\nCredit limit: ${rupees(d.limitMinor)}\nAvailable: ${rupees(d.availableMinor ?? 0n)}`) +
    (d.due.length === 0
      ? ''
      : '\nUnpaid invoices:\n' +
        d.due
          .map(
            (i) =>
              `- ${i.reference ?? 'invoice'}: ${rupees(i.openMinor)}` +
              (i.dueDate === null ? '' : `, due ${shortDay(i.dueDate)}`) +
              (i.overdueDays > 0
                ? ` (${i.overdueDays} day${i.overdueDays === 1 ? '' : 's'} overdue)`
                : ''),
          )
          .join('\n') +
        (d.moreDue > 0 ? `\n…and ${d.moreDue} more` : '')),
  statement: (d) =>
    (d.lines.length === 0
      ? 'Your account has no entries yet.'
      : `Your latest ${d.lines.length === 1 ? 'entry' : `${d.lines.length} entries`}:\n` +
        d.lines
          .map(
            (l) =>
              `${shortDay(l.date)} ${LEDGER_KIND[l.kind]}${l.reference === null ? '' : ` ${l.reference}`}: ` +
              `${l.amountMinor < 0n ? '−' : '+'}${rupees(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor)}, ` +
              `balance ${rupees(l.balanceMinor)}`,
          )
          .join('\n')) + (d.attached ? '\nThe full statement is attached as a CSV file.' : ''),
  cancelConfirm: (d) =>
    `Cancel order ${d.orderNo} (${rupees(d.totalMinor)}, ${STATUS[d.status]})? Reply YES to cancel or NO to keep it.`,
  cancelled: (d) => `Order ${d.orderNo} is cancelled.`,
  cancelKept: (d) => `Okay, order ${d.orderNo} stays as it is.`,
  orderDropped: (d) => `Okay, order ${d.orderNo} is not placed. Send a new message any time.`,
  nothingToCancel: () => 'You have no order that can still be cancelled.',
  forDealer: (d) => `For ${d.name} (${d.code}):`,
  alreadyHandled: (d) =>
    `Thank you. Our team has already handled this: order ${d.orderNo} is ${STATUS[d.status]}.` +
    (d.status === 'rejected' || d.status === 'cancelled'
      ? ' Send a new message to order again.'
      : ' Ask "status" any time to see where it is.'),
  dealerInactive: () =>
    'Thank you for your message. Our team will look at it and get back to you personally.',
  unknownSender: () =>
    'Thank you for your message. We could not find your number on our dealer list; our team will check and get back to you.',
  unknownDealerCode: (d) =>
    `Dealer code ${d.code} is not on our list. The message is kept for our team to check.`,
  other: () =>
    'Thank you! To order, send the items and quantities. You can also ask "status" or "balance".',
  unreadable: (d) => `${UNREADABLE[d.reason]} Please send your order as a short text message.`,
  fileRefused: (d) =>
    `${FILE_REFUSED[d.reason](d.size ?? 'too large', d.limit ?? 'a smaller size')} Please send the order as an Excel (XLSX), CSV or PDF sheet, a clear photo, or a text message. Nothing you sent is lost: our team can see it.`,
  fileForTeam: (d) =>
    d.voice
      ? 'Thank you, we got your voice note. Someone from our team will listen to it and reply shortly.'
      : 'Thank you, we got your file. Someone from our team will look at it and reply shortly.',
  portalLink: (d) =>
    `Your order portal: ${d.url}\nTap it to see your orders, account and reorder in one place. The link works once, within ${d.minutes} minutes. Didn't ask for it? Just ignore this message.`,
  portalLinkLimited: (d) =>
    `We have sent you several portal links in the last hour. Please use the latest one, or ask again in ${d.minutes} minutes.`,
};
