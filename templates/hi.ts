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
  invoice: 'बिल',
  payment: 'भुगतान',
  credit_note: 'क्रेडिट नोट',
  debit_note: 'डेबिट नोट',
  adjustment: 'समायोजन',
};

const STATUS: Record<OrderStatusWord, string> = {
  needs_review: 'जाँच में',
  awaiting_confirmation: 'आपके YES का इंतज़ार',
  confirmed: 'कन्फ़र्म',
  held_credit: 'क्रेडिट होल्ड पर',
  held_price: 'रेट की मंज़ूरी बाकी',
  blocked: 'रोका गया',
  cancelled: 'रद्द',
  rejected: 'अस्वीकार',
  exported: 'पैकिंग में',
  invoiced: 'बिल बन गया, पैकिंग में',
  dispatched: 'भेज दिया गया',
  delivered: 'पहुँच गया',
};

/** "- #12 (3 Dec): कन्फ़र्म, ₹1,200.00, …" */
function statusLineHi(o: OrderSummary): string {
  return (
    `- ${o.orderNo} (${shortDate(o.createdAt)}): ${STATUS[o.status]}, ${rupees(o.totalMinor)}` +
    shipmentHi(o.dispatch ?? null, o.deliveredOn ?? null)
  );
}

function shipmentHi(dispatch: ShipmentFacts | null, deliveredOn: string | null): string {
  const parts: string[] = [];
  if (dispatch !== null) {
    parts.push(
      `${shortDay(dispatch.date)} को भेजा` +
        (dispatch.transporter === null ? '' : `, ${dispatch.transporter}`) +
        (dispatch.lrNumber === null ? '' : `, LR नं. ${dispatch.lrNumber}`),
    );
  }
  if (deliveredOn !== null) parts.push(`${shortDay(deliveredOn)} को पहुँचा`);
  return parts.length === 0 ? '' : ` — ${parts.join('; ')}`;
}

const HOLD: Record<HoldReason, string> = {
  over_limit: 'यह आपके उपलब्ध क्रेडिट से ज़्यादा है',
  overdue_invoices: 'एक बिल का भुगतान बाकी है',
};

const FILE_REFUSED: Record<FileRefusalReason, (size: string, limit: string) => string> = {
  too_large: (size, limit) => `आपकी फ़ाइल बहुत बड़ी है (${size}; हम ${limit} तक की फ़ाइल लेते हैं)।`,
  type_mismatch: () => 'आपकी फ़ाइल खुल नहीं सकी: यह वैसी फ़ाइल नहीं है जैसा उसका नाम बताता है।',
  unsupported_type: () => 'इस तरह की फ़ाइल हम पढ़ नहीं सकते।',
  unavailable: () => 'आपकी फ़ाइल डाउनलोड नहीं हो सकी।',
};

const UNREADABLE: Record<UnreadableReason, string> = {
  empty: 'आपका संदेश खाली था।',
  binary: 'आपका संदेश पढ़ा नहीं जा सका।',
  too_long: 'आपका संदेश बहुत लंबा था।',
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
  return minor === null ? '' : `\nउपलब्ध क्रेडिट: ${rupees(minor)}`;
}

const FREE = 'मुफ़्त';

function pricingText(p: PricingFacts | undefined): string {
  if (p === undefined) return '';
  let text = '';
  if (p.taxMinor > 0n) text += `\nइसमें टैक्स: ${rupees(p.taxMinor)}`;
  if (p.savingsMinor > 0n) text += `\nआपकी बचत: ${rupees(p.savingsMinor)}`;
  for (const n of p.nudges) {
    const more = n.missingQty !== null ? `${n.missingQty} ${n.unit}` : rupees(n.missingMinor ?? 0n);
    text += `\nसुझाव: ${n.target} के ${more} और जोड़कर ${n.discount} छूट पाएँ`;
  }
  return text;
}

export const hi: ReplyTemplates = {
  confirmation: (d) =>
    `ऑर्डर ${d.orderNo} कन्फ़र्म हो गया। धन्यवाद!\n${lines(d.lines)}\nकुल: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null
      ? ''
      : `\nइस ऑर्डर के बाद उपलब्ध क्रेडिट: ${rupees(d.availableAfterMinor)}`),
  awaitingConfirmation: (d) =>
    `ऑर्डर ${d.orderNo}, कृपया जाँच लें:\n${lines(d.lines)}\nकुल: ${rupees(d.totalMinor)}` +
    pricingText(d.pricing) +
    `\nकन्फ़र्म करने के लिए YES भेजें।`,
  priceHeld: (d) =>
    `ऑर्डर ${d.orderNo} मिल गया। आपके माँगे दाम के लिए सेल्स मैनेजर की मंज़ूरी चाहिए:\n` +
    d.lines
      .map(
        (l) =>
          `- ${l.name}: आपने ${rupees(l.requestedMinor)} माँगा, हमारा दाम ${rupees(l.allowedMinor)}`,
      )
      .join('\n') +
    `\nहम जल्द ही कन्फ़र्म करेंगे।`,
  priceApproved: (d) => `ऑर्डर ${d.orderNo} के लिए आपका दाम मंज़ूर हो गया है।`,
  priceRejected: (d) =>
    `माफ़ कीजिए, ऑर्डर ${d.orderNo} के लिए आपका माँगा दाम मंज़ूर नहीं हो सका` +
    (d.note.trim() === '' ? '।' : ` (${d.note.trim()})।`),
  dispatched: (d) =>
    `${d.partial ? 'ऑर्डर का कुछ माल' : 'ऑर्डर'} ${d.orderNo} ${shortDay(d.date)} को भेज दिया गया` +
    (d.transporter === null ? '' : `, ट्रांसपोर्ट: ${d.transporter}`) +
    (d.lrNumber === null ? '' : `, LR नं. ${d.lrNumber}`) +
    (d.vehicle === null ? '' : `, गाड़ी ${d.vehicle}`) +
    '।',
  creditReleased: (d) => `ऑर्डर ${d.orderNo} को हमारी अकाउंट टीम ने रिलीज़ कर दिया है।`,
  releasedByPayment: (d) =>
    `${d.payment ? 'धन्यवाद, आपका भुगतान मिल गया है' : 'आपके खाते में क्रेडिट नोट दर्ज हो गया है'}; ऑर्डर ${d.orderNo} रिलीज़ हो गया है।`,
  creditRejected: (d) =>
    `माफ़ कीजिए, ऑर्डर ${d.orderNo} क्रेडिट पर रिलीज़ नहीं हो सकता` +
    (d.note.trim() === '' ? '।' : ` (${d.note.trim()})।`) +
    `\nकृपया हमारी अकाउंट टीम से संपर्क करें।`,
  holdNotice: (d) =>
    `ऑर्डर ${d.orderNo} (${rupees(d.totalMinor)}) मिल गया है, पर होल्ड पर है क्योंकि ${d.reasons.map((r) => HOLD[r]).join(' और ')}।` +
    available(d.availableMinor) +
    `\nहमारी अकाउंट टीम आपसे संपर्क करेगी; भुगतान होते ही ऑर्डर आगे बढ़ेगा।`,
  blocked: (d) =>
    `माफ़ कीजिए, ऑर्डर ${d.orderNo} (${rupees(d.totalMinor)}) स्वीकार नहीं हो सकता क्योंकि ${d.reasons.map((r) => HOLD[r]).join(' और ')}।` +
    available(d.availableMinor) +
    `\nकृपया हमारी अकाउंट टीम से संपर्क करें।`,
  receivedChecking: (d) =>
    `आपका ऑर्डर${d.orderNo === null ? '' : ` (${d.orderNo})`} मिल गया। हम कुछ बातें जाँच रहे हैं, जल्द ही कन्फ़र्म करेंगे।`,
  receivedForTeam: () => 'धन्यवाद, आपका संदेश मिल गया है। हमारी टीम इसे देखकर जल्द ही जवाब देगी।',
  clarify: (d) =>
    `"${d.mention}" में आपका मतलब कौन सा है?\n${d.choices.map((c, i) => `${i + 1}) ${c}`).join('\n')}\nनंबर भेजें।`,
  status: (d) =>
    d.orders.length === 0
      ? 'अभी आपका कोई ऑर्डर नहीं है।'
      : `आपके हाल के ऑर्डर:\n${d.orders.map(statusLineHi).join('\n')}`,
  history: (d) => {
    const month = d.period === 'this_month' ? 'इस महीने' : 'पिछले महीने';
    if (d.orders.length === 0) {
      return d.period === 'recent' ? 'अभी आपका कोई ऑर्डर नहीं है।' : `${month} आपका कोई ऑर्डर नहीं था।`;
    }
    const heading =
      d.period === 'recent'
        ? `आपके पिछले ${d.orders.length} ऑर्डर:`
        : `${month} के ऑर्डर: ${d.orders.length + d.more}, कुल ${rupees(d.periodTotalMinor ?? 0n)}`;
    return (
      `${heading}\n${d.orders.map(statusLineHi).join('\n')}` +
      (d.more > 0 ? `\n…और ${d.more} ऑर्डर। सब देखने के लिए "portal link" भेजें।` : '')
    );
  },
  amended: (d) =>
    `${{ added: `ऑर्डर ${d.orderNo} में जोड़ दिया।`, removed: `ऑर्डर ${d.orderNo} से हटा दिया।`, changed: `ऑर्डर ${d.orderNo} बदल दिया।` }[d.change]} अब ऑर्डर:\n${lines(d.lines)}\nनया कुल: ${rupees(d.totalMinor)} (पहले ${rupees(d.previousTotalMinor)})` +
    pricingText(d.pricing) +
    (d.availableAfterMinor === null ? '' : `\nउपलब्ध क्रेडिट: ${rupees(d.availableAfterMinor)}`),
  amendTooLate: (d) => `ऑर्डर ${d.orderNo} पहले ही ${STATUS[d.status]} है, इसलिए ये सामान नया ऑर्डर है।`,
  amendTooLateToChange: (d) =>
    `ऑर्डर ${d.orderNo} पहले ही ${STATUS[d.status]} है, इसलिए यहाँ बदला नहीं जा सकता। हमारी टीम आपको फ़ोन करेगी।`,
  amendOverCredit: (d) =>
    `ऑर्डर ${d.orderNo} में ये जोड़ने से आपकी क्रेडिट लिमिट पार हो जाती, इसलिए ऑर्डर ${d.orderNo} जैसा था वैसा है और ये सामान नया ऑर्डर है।`,
  usualOrderReminder: (d) =>
    `आपके पिछले ऑर्डर (${d.lastOrderNo}) को ${d.daysSinceLast} दिन हो गए। वही ऑर्डर दोबारा चाहिए तो "वही ऑर्डर" लिखें, या अपनी लिस्ट भेजें।`,
  combinedRepliesHeading: (d) => `आपके संदेश से ${d.orders} ऑर्डर बने:`,
  reorderIntro: (d) => `आपका ऑर्डर ${d.fromOrderNo} दोबारा, आज के रेट पर।`,
  noPreviousOrder: () => 'दोहराने के लिए आपका कोई पिछला ऑर्डर नहीं मिला। कृपया सामान और मात्रा भेजें।',
  balance: (d) =>
    `बकाया: ${rupees(d.outstandingMinor)}\nखुले ऑर्डर: ${rupees(d.openOrdersMinor)}` +
    (d.limitMinor === null
      ? '\nक्रेडिट लिमिट: तय नहीं'
      : `\nक्रेडिट लिमिट: ${rupees(d.limitMinor)}\nउपलब्ध: ${rupees(d.availableMinor ?? 0n)}`) +
    (d.due.length === 0
      ? ''
      : '\nबाकी बिल:\n' +
        d.due
          .map(
            (i) =>
              `- ${i.reference ?? 'बिल'}: ${rupees(i.openMinor)}` +
              (i.dueDate === null ? '' : `, देय ${shortDay(i.dueDate)}`) +
              (i.overdueDays > 0 ? ` (${i.overdueDays} दिन से बकाया)` : ''),
          )
          .join('\n') +
        (d.moreDue > 0 ? `\n…और ${d.moreDue}` : '')),
  statement: (d) =>
    (d.lines.length === 0
      ? 'आपके खाते में अभी कोई एंट्री नहीं है।'
      : `आपकी पिछली ${d.lines.length} एंट्री:\n` +
        d.lines
          .map(
            (l) =>
              `${shortDay(l.date)} ${LEDGER_KIND[l.kind]}${l.reference === null ? '' : ` ${l.reference}`}: ` +
              `${l.amountMinor < 0n ? '−' : '+'}${rupees(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor)}, ` +
              `बाकी ${rupees(l.balanceMinor)}`,
          )
          .join('\n')) + (d.attached ? '\nपूरा स्टेटमेंट CSV फ़ाइल में साथ भेजा है।' : ''),
  cancelConfirm: (d) =>
    `ऑर्डर ${d.orderNo} (${rupees(d.totalMinor)}, ${STATUS[d.status]}) रद्द करें? रद्द करने के लिए YES, रखने के लिए NO भेजें।`,
  cancelled: (d) => `ऑर्डर ${d.orderNo} रद्द कर दिया गया है।`,
  cancelKept: (d) => `ठीक है, ऑर्डर ${d.orderNo} जैसा था वैसा ही रहेगा।`,
  orderDropped: (d) => `ठीक है, ऑर्डर ${d.orderNo} नहीं लगाया गया। जब चाहें नया संदेश भेजें।`,
  nothingToCancel: () => 'आपका ऐसा कोई ऑर्डर नहीं है जो अब रद्द हो सके।',
  forDealer: (d) => `${d.name} (${d.code}) के लिए:`,
  alreadyHandled: (d) =>
    `धन्यवाद। हमारी टीम ने इसे पहले ही देख लिया है: ऑर्डर ${d.orderNo} ${STATUS[d.status]} है।` +
    (d.status === 'rejected' || d.status === 'cancelled'
      ? ' दोबारा ऑर्डर के लिए नया संदेश भेजें।'
      : ' स्थिति जानने के लिए कभी भी "status" भेजें।'),
  dealerInactive: () => 'संदेश के लिए धन्यवाद। हमारी टीम इसे देखकर आपसे ख़ुद संपर्क करेगी।',
  unknownSender: () =>
    'संदेश के लिए धन्यवाद। आपका नंबर हमारी डीलर सूची में नहीं मिला; हमारी टीम जाँच कर आपसे संपर्क करेगी।',
  unknownDealerCode: (d) =>
    `डीलर कोड ${d.code} हमारी सूची में नहीं है। संदेश हमारी टीम की जाँच के लिए रखा गया है।`,
  other: () => 'धन्यवाद! ऑर्डर के लिए सामान और मात्रा भेजें। "status" या "balance" भी पूछ सकते हैं।',
  unreadable: (d) => `${UNREADABLE[d.reason]} कृपया अपना ऑर्डर छोटे टेक्स्ट संदेश में भेजें।`,
  fileRefused: (d) =>
    `${FILE_REFUSED[d.reason](d.size ?? 'बहुत बड़ी', d.limit ?? 'छोटी')} कृपया ऑर्डर Excel (XLSX), CSV या PDF शीट, साफ़ फ़ोटो या टेक्स्ट संदेश में भेजें। आपका भेजा कुछ भी खोया नहीं है: हमारी टीम इसे देख सकती है।`,
  fileForTeam: (d) =>
    d.voice
      ? 'धन्यवाद, आपका वॉइस नोट मिल गया है। हमारी टीम इसे सुनकर जल्द ही जवाब देगी।'
      : 'धन्यवाद, आपकी फ़ाइल मिल गई है। हमारी टीम इसे देखकर जल्द ही जवाब देगी।',
  portalLink: (d) =>
    `आपका ऑर्डर पोर्टल: ${d.url}\nइसे खोलकर अपने ऑर्डर, खाता और दोबारा ऑर्डर एक ही जगह देखें। यह लिंक एक बार, ${d.minutes} मिनट के अंदर चलेगा। आपने नहीं माँगा? तो इसे अनदेखा करें।`,
  portalLinkLimited: (d) =>
    `पिछले एक घंटे में आपको कई पोर्टल लिंक भेजे जा चुके हैं। कृपया सबसे नया लिंक इस्तेमाल करें, या ${d.minutes} मिनट बाद फिर माँगें।`,
};
