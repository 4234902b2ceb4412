/**
 * Hinglish: Hindi in Latin letters, for dealers who write "bhai 5 peti bhej do".
 * The same facts and structure as `hi.ts`, worded as a distributor's office
 * writes on WhatsApp; trade words stay English (order, bill, credit, total).
 */
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
  invoice: 'Bill',
  payment: 'Payment',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  adjustment: 'Adjustment',
};

const STATUS: Record<OrderStatusWord, string> = {
  needs_review: 'check mein',
  awaiting_confirmation: 'aapke YES ka intezaar',
  confirmed: 'confirm',
  held_credit: 'credit hold par',
  held_price: 'rate ki manzoori baaki',
  blocked: 'roka gaya',
  cancelled: 'cancel',
  rejected: 'reject',
  exported: 'packing mein',
  invoiced: 'bill ban gaya, packing mein',
  dispatched: 'bhej diya gaya',
  delivered: 'pahunch gaya',
};

/** "- #12 (3 Dec): confirm, ₹1,200.00, …" */
function statusLineHiLatn(o: OrderSummary): string {
  return (
    `- ${o.orderNo} (${shortDate(o.createdAt)}): ${STATUS[o.status]}, ${rupees(o.totalMinor)}` +
    shipmentHiLatn(o.dispatch ?? null, o.deliveredOn ?? null)
  );
}

function shipmentHiLatn(dispatch: ShipmentFacts | null, deliveredOn: string | null): string {
  const parts: string[] = [];
  if (dispatch !== null) {
    parts.push(
      `${shortDay(dispatch.date)} ko bheja` +
        (dispatch.transporter === null ? '' : `, ${dispatch.transporter}`) +
        (dispatch.lrNumber === null ? '' : `, LR no. ${dispatch.lrNumber}`),
    );
  }
  if (deliveredOn !== null) parts.push(`${shortDay(deliveredOn)} ko pahuncha`);
  return parts.length === 0 ? '' : ` — ${parts.join('; ')}`;
}

const HOLD: Record<HoldReason, string> = {
  over_limit: 'ye aapke available credit se zyada hai',
  overdue_invoices: 'ek bill ka payment baaki hai',
};

const FILE_REFUSED: Record<FileRefusalReason, (size: string, limit: string) => string> = {
  too_large: (size, limit) =>
    `Aapki file bahut badi hai (${size}; hum ${limit} tak ki file lete hain).`,
  type_mismatch: () =>
    'Aapki file khul nahi saki: yeh waisi file nahi hai jaisa uska naam batata hai.',
  unsupported_type: () => 'Is tarah ki file hum padh nahi sakte.',
  unavailable: () => 'Aapki file download nahi ho saki.',
};

const UNREADABLE: Record<UnreadableReason, string> = {
  empty: 'Aapka message khaali tha.',
  binary: 'Aapka message padha nahi ja saka.',
  too_long: 'Aapka message bahut lamba tha.',
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
  if (p.taxMinor > 0n) text += `\nIsmein tax: ${rupees(p.taxMinor)}`;
  if (p.savingsMinor > 0n) text += `\nAapki bachat: ${rupees(p.savingsMinor)}`;
  for (const n of p.nudges) {
    const more = n.missingQty !== null ? `${n.missingQty} ${n.unit}` : rupees(n.missingMinor ?? 0n);
    text += `\nSujhav: ${n.target} ke ${more} aur jodiye, ${n.discount} discount milega`;
  }
  return text;
}

export const hiLatn: ReplyTemplates = {
  confirmation: (d) =>
    `Aapka order ${d.orderNo} confirm ho gaya. Dhanyavaad!\n${lines(d.lines)}\nTotal: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null
      ? ''
      : `\nIs order ke baad available credit: ${rupees(d.availableAfterMinor)}`),
  awaitingConfirmation: (d) =>
    `Order ${d.orderNo}, kripya check kar lijiye:\n${lines(d.lines)}\nTotal: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    `\nConfirm karne ke liye YES bhejiye.`,
  priceHeld: (d) =>
    `Order ${d.orderNo} mil gaya. Aapke maange hue rate ke liye sales manager ki manzoori chahiye:\n` +
    d.lines
      .map(
        (l) =>
          `- ${l.name}: aapne ${rupees(l.requestedMinor)} maanga, hamara rate ${rupees(l.allowedMinor)}`,
      )
      .join('\n') +
    `\nHum jaldi hi confirm karenge.`,
  priceApproved: (d) => `Order ${d.orderNo} ke liye aapka rate manzoor ho gaya hai.`,
  priceRejected: (d) =>
    `Maaf kijiye, order ${d.orderNo} ke liye aapka maanga hua rate manzoor nahi ho saka` +
    (d.note.trim() === '' ? '.' : ` (${d.note.trim()}).`),
  dispatched: (d) =>
    `${d.partial ? 'Order ka kuch maal' : 'Order'} ${d.orderNo} ${shortDay(d.date)} ko bhej diya gaya` +
    (d.transporter === null ? '' : `, transport: ${d.transporter}`) +
    (d.lrNumber === null ? '' : `, LR no. ${d.lrNumber}`) +
    (d.vehicle === null ? '' : `, gaadi ${d.vehicle}`) +
    '.',
  creditReleased: (d) => `Order ${d.orderNo} ko hamari accounts team ne release kar diya hai.`,
  releasedByPayment: (d) =>
    `${d.payment ? 'Dhanyavaad, aapka payment mil gaya hai' : 'Aapke khaate mein credit note darj ho gaya hai'}; order ${d.orderNo} release ho gaya hai.`,
  creditRejected: (d) =>
    `Maaf kijiye, order ${d.orderNo} credit par release nahi ho sakta` +
    (d.note.trim() === '' ? '.' : ` (${d.note.trim()}).`) +
    `\nKripya hamari accounts team se sampark kijiye.`,
  holdNotice: (d) =>
    `Order ${d.orderNo} (${rupees(d.totalMinor)}) mil gaya hai, par hold par hai kyunki ${d.reasons.map((r) => HOLD[r]).join(' aur ')}.` +
    available(d.availableMinor) +
    `\nHamari accounts team aapse sampark karegi; payment hote hi order aage badhega.`,
  blocked: (d) =>
    `Maaf kijiye, order ${d.orderNo} (${rupees(d.totalMinor)}) accept nahi ho sakta kyunki ${d.reasons.map((r) => HOLD[r]).join(' aur ')}.` +
    available(d.availableMinor) +
    `\nKripya hamari accounts team se sampark kijiye.`,
  receivedChecking: (d) =>
    `Aapka order${d.orderNo === null ? '' : ` (${d.orderNo})`} mil gaya. Hum kuch details check kar rahe hain, jaldi hi confirm karenge.`,
  receivedForTeam: () =>
    'Dhanyavaad, aapka message mil gaya hai. Hamari team ise dekhkar jaldi hi jawaab degi.',
  clarify: (d) =>
    `"${d.mention}" se aapka matlab kaun sa hai?\n${d.choices.map((c, i) => `${i + 1}) ${c}`).join('\n')}\nNumber bhejiye.`,
  status: (d) =>
    d.orders.length === 0
      ? 'Abhi aapka koi order nahi hai.'
      : `Aapke haal ke orders:\n${d.orders.map(statusLineHiLatn).join('\n')}`,
  history: (d) => {
    const month = d.period === 'this_month' ? 'Is mahine' : 'Pichle mahine';
    if (d.orders.length === 0) {
      return d.period === 'recent'
        ? 'Abhi aapka koi order nahi hai.'
        : `${month} aapka koi order nahi tha.`;
    }
    const heading =
      d.period === 'recent'
        ? `Aapke pichle ${d.orders.length} order:`
        : `${month} ke orders: ${d.orders.length + d.more}, total ${rupees(d.periodTotalMinor ?? 0n)}`;
    return (
      `${heading}\n${d.orders.map(statusLineHiLatn).join('\n')}` +
      (d.more > 0 ? `\n…aur ${d.more} order. Sab dekhne ke liye "portal link" bhejiye.` : '')
    );
  },
  amended: (d) =>
    `${{ added: `Order ${d.orderNo} mein jod diya.`, removed: `Order ${d.orderNo} se hata diya.`, changed: `Order ${d.orderNo} badal diya.` }[d.change]} Ab order:\n${lines(d.lines)}\nNaya total: ${rupees(d.totalMinor)} (pehle ${rupees(d.previousTotalMinor)})` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null ? '' : `\nAvailable credit: ${rupees(d.availableAfterMinor)}`),
  amendTooLate: (d) =>
    `Order ${d.orderNo} pehle hi ${STATUS[d.status]} hai, isliye ye saamaan naya order hai.`,
  amendTooLateToChange: (d) =>
    `Order ${d.orderNo} pehle hi ${STATUS[d.status]} hai, isliye yahan badla nahi ja sakta. Hamari team aapko call karegi.`,
  amendOverCredit: (d) =>
    `Order ${d.orderNo} mein ye jodne se aapki credit limit paar ho jaati, isliye order ${d.orderNo} jaisa tha waisa hi hai aur ye saamaan naya order hai.`,
  usualOrderReminder: (d) =>
    `Aapke pichle order (${d.lastOrderNo}) ko ${d.daysSinceLast} din ho gaye. Wahi order dobara chahiye to "wahi order" likhiye, ya apni list bhejiye.`,
  combinedRepliesHeading: (d) => `Aapke message se ${d.orders} order bane:`,
  reorderIntro: (d) => `Aapka order ${d.fromOrderNo} dobara, aaj ke rate par.`,
  noPreviousOrder: () =>
    'Dobara bhejne ke liye aapka koi pichla order nahi mila. Kripya saamaan aur quantity bhejiye.',
  balance: (d) =>
    `Bakaya: ${rupees(d.outstandingMinor)}\nKhule orders: ${rupees(d.openOrdersMinor)}` +
    (d.limitMinor === null
      ? '\nCredit limit: tay nahi'
      : `\nCredit limit: ${rupees(d.limitMinor)}\nAvailable: ${rupees(d.availableMinor ?? 0n)}`) +
    (d.due.length === 0
      ? ''
      : '\nBaaki bill:\n' +
        d.due
          .map(
            (i) =>
              `- ${i.reference ?? 'Bill'}: ${rupees(i.openMinor)}` +
              (i.dueDate === null ? '' : `, due date ${shortDay(i.dueDate)}`) +
              (i.overdueDays > 0 ? ` (${i.overdueDays} din se baaki)` : ''),
          )
          .join('\n') +
        (d.moreDue > 0 ? `\n…aur ${d.moreDue}` : '')),
  statement: (d) =>
    (d.lines.length === 0
      ? 'Aapke khaate mein abhi koi entry nahi hai.'
      : `Aapki pichli ${d.lines.length} entry:\n` +
        d.lines
          .map(
            (l) =>
              `${shortDay(l.date)} ${LEDGER_KIND[l.kind]}${l.reference === null ? '' : ` ${l.reference}`}: ` +
              `${l.amountMinor < 0n ? '−' : '+'}${rupees(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor)}, ` +
              `baaki ${rupees(l.balanceMinor)}`,
          )
          .join('\n')) + (d.attached ? '\nPoora statement CSV file mein saath bheja hai.' : ''),
  cancelConfirm: (d) =>
    `Order ${d.orderNo} (${rupees(d.totalMinor)}, ${STATUS[d.status]}) cancel karein? Cancel karne ke liye YES, rakhne ke liye NO bhejiye.`,
  cancelled: (d) => `Order ${d.orderNo} cancel kar diya gaya hai.`,
  cancelKept: (d) => `Theek hai, order ${d.orderNo} jaisa tha waisa hi rahega.`,
  orderDropped: (d) =>
    `Theek hai, order ${d.orderNo} nahi lagaya gaya. Jab chahein naya message bhejiye.`,
  nothingToCancel: () => 'Aapka aisa koi order nahi hai jo ab cancel ho sake.',
  forDealer: (d) => `${d.name} (${d.code}) ke liye:`,
  alreadyHandled: (d) =>
    `Dhanyavaad. Hamari team ne ise pehle hi dekh liya hai: order ${d.orderNo} ${STATUS[d.status]} hai.` +
    (d.status === 'rejected' || d.status === 'cancelled'
      ? ' Dobara order ke liye naya message bhejiye.'
      : ' Status jaanne ke liye kabhi bhi "status" bhejiye.'),
  dealerInactive: () =>
    'Message ke liye dhanyavaad. Hamari team ise dekhkar aapse khud sampark karegi.',
  unknownSender: () =>
    'Message ke liye dhanyavaad. Aapka number hamari dealer list mein nahi mila; hamari team check karke aapse sampark karegi.',
  unknownDealerCode: (d) =>
    `Dealer code ${d.code} hamari list mein nahi hai. Message hamari team ke check ke liye rakha gaya hai.`,
  other: () =>
    'Dhanyavaad! Order ke liye saamaan aur quantity bhejiye. "status" ya "balance" bhi pooch sakte hain.',
  unreadable: (d) => `${UNREADABLE[d.reason]} Kripya apna order chhote text message mein bhejiye.`,
  fileRefused: (d) =>
    `${FILE_REFUSED[d.reason](d.size ?? 'bahut badi', d.limit ?? 'chhoti')} Kripya order Excel (XLSX), CSV ya PDF sheet, saaf photo ya text message mein bhejiye. Aapka bheja kuch bhi khoya nahi hai: hamari team ise dekh sakti hai.`,
  fileForTeam: (d) =>
    d.voice
      ? 'Dhanyavaad, aapka voice note mil gaya hai. Hamari team ise sunkar jaldi hi jawaab degi.'
      : 'Dhanyavaad, aapki file mil gayi hai. Hamari team ise dekhkar jaldi hi jawaab degi.',
  portalLink: (d) =>
    `Aapka order portal: ${d.url}\nIse kholkar apne orders, khaata aur dobara order ek hi jagah dekhiye. Ye link ek baar, ${d.minutes} minute ke andar chalega. Aapne nahi maanga? To ise ignore kar dijiye.`,
  portalLinkLimited: (d) =>
    `Pichle ek ghante mein aapko kai portal link bheje ja chuke hain. Kripya sabse naya link use kijiye, ya ${d.minutes} minute baad phir maangiye.`,
};
