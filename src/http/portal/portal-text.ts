/**
 * Every word the dealer portal shows, per language. The pages and router
 * take a `PortalText` and never spell a sentence themselves, so adding a
 * language is one more entry in PORTAL_TEXT. Product names, SKUs, units,
 * ₹ amounts and numbers pass through as they are; "YES" stays "YES"
 * because chat answers are matched on it.
 */
import type { OrderStatus } from '../../db/schema.js';
import type { StatementEntry } from '../../repositories/read-models/dealer-statement.read-model.js';
import { rupees } from '../../../templates/format.js';
import type { SlabNudgeFacts } from '../../../templates/types.js';
import { html, type SafeHtml } from '../console/html.js';

export type RefusalReason = 'unknown' | 'used' | 'expired' | 'inactive' | 'signed_out';
export type DeviceKind =
  'iphone' | 'ipad' | 'androidPhone' | 'androidTablet' | 'windows' | 'mac' | 'linux' | 'other';

export interface DispatchWords {
  /** Already formatted in the page's language. */
  day: string;
  transporter: string | null;
  lrNumber: string | null;
  vehicle: string | null;
}

export interface PortalText {
  /** The locale dates are written in. */
  locale: string;
  /** The language's own name, for the switch ("हिंदी" on an English page). */
  languageName: string;

  // frame
  portalName: string;
  navLabel: string;
  home: string;
  newOrder: string;
  orders: string;
  account: string;
  signOut: string;

  // sign-in and refusals
  signIn: string;
  portalHeading: string;
  signInIntro: string;
  continue: string;
  signInOnce: string;
  refused: Record<RefusalReason, string>;
  /** What to send in chat for a new link. */
  linkCommand: string;
  newLink: (command: SafeHtml) => SafeHtml;
  tooManyAttempts: string;
  crossSite: string;
  formExpired: string;

  // statuses and ledger
  status: Record<OrderStatus, string>;
  statusNote: Partial<Record<OrderStatus, string>>;
  ledger: Record<StatementEntry['kind'], string>;

  // credit card
  creditLabel: string;
  noCreditLimit: string;
  creditAvailable: string;
  limitUsed: (percent: number) => string;
  limit: string;
  youOwe: string;
  notYetBilled: string;
  overdue: string;

  // order lists
  orderNo: (n: string) => string;
  moreItems: (n: number) => string;
  orderAgain: string;
  needsAttention: string;
  recentOrders: string;
  noOrdersYet: string;
  nothingElse: string;
  yourOrders: string;
  noOrdersHere: string;
  newer: string;
  older: string;

  // order detail
  allOrders: string;
  progress: string;
  timeline: Record<'confirmed' | 'warehouse' | 'invoiced' | 'dispatched' | 'delivered', string>;
  notYet: string;
  shipment: string;
  dispatchedOn: (d: DispatchWords) => string;
  deliveredOn: (day: string) => string;
  orderPlaced: (n: string) => string;
  noSuchOrder: (n: string) => string;

  // lines table
  product: string;
  amount: string;
  tax: string;
  total: string;
  free: string;

  // new order
  perUnit: (unit: string) => string;
  nudge: (n: SlabNudgeFacts) => string;
  notAvailable: (items: string) => string;
  pricedLabel: string;
  yourPrice: string;
  youSave: (amount: string) => string;
  offerApplied: (name: string, saving: string | null) => string;
  overCredit: (amount: string) => string;
  creditLeft: (amount: string) => string;
  placeOrder: string;
  yourItems: string;
  cartEmpty: string;
  quantityOf: (name: string) => string;
  reviewAndPrice: string;
  addProducts: string;
  searchPlaceholder: string;
  searchLabel: string;
  search: string;
  noMatch: (query: string) => string;
  usuallyOrder: string;
  notSoldAnyMore: (skus: string) => string;
  /** `detail`: the order schema's English words; `max`: the largest quantity. */
  badQuantity: (detail: string | undefined, max: number) => string;

  // account
  unpaidBills: string;
  nothingUnpaid: string;
  bill: string;
  due: string;
  unpaid: string;
  daysLate: (n: number) => string;
  statement: string;
  noEntries: string;
  entry: string;
  amountBalance: string;
  downloadStatement: string;
  signedInDevices: string;
  /** The order (lines, prices, invoice numbers) as a CSV file. */
  downloadOrder: string;
  reminders: string;
  remindersOn: string;
  remindersOff: string;
  turnRemindersOn: string;
  turnRemindersOff: string;
  remindersSaved: (on: boolean) => string;
  thisOne: string;
  lastUsed: (day: string) => string;
  devices: Record<DeviceKind, string>;
  deviceSignedOut: string;
  noSuchDevice: string;

  // error pages
  notFound: string;
  sorry: string;
  backToPortal: string;
}

const en: PortalText = {
  locale: 'en-IN',
  languageName: 'English',

  portalName: 'Order portal',
  navLabel: 'Portal',
  home: 'Home',
  newOrder: 'New order',
  orders: 'Orders',
  account: 'Account',
  signOut: 'Sign out',

  signIn: 'Sign in',
  portalHeading: 'Your order portal',
  signInIntro: 'See your orders and account, and order again in a few taps.',
  continue: 'Continue',
  signInOnce: 'This link signs in this phone or computer. It works once.',
  refused: {
    unknown: 'This sign-in link is not valid.',
    used: 'This sign-in link was already used. Each link works once.',
    expired: 'This sign-in link has expired.',
    inactive: 'Your account is paused. Please call our office.',
    signed_out: 'You are signed out.',
  },
  linkCommand: 'portal link',
  newLink: (command) =>
    html`To get a new link, send ${command} to us on WhatsApp (or by email). It arrives in a few
    seconds.`,
  tooManyAttempts: 'Too many sign-in attempts. Wait a few minutes.',
  crossSite: 'cross-site request refused',
  formExpired: 'This page was open too long or came from elsewhere. Go back, reload and try again.',

  status: {
    needs_review: 'Being checked by our team',
    awaiting_confirmation: 'Waiting for your YES',
    confirmed: 'Confirmed',
    held_credit: 'On credit hold',
    held_price: 'Price being approved',
    blocked: 'Blocked',
    cancelled: 'Cancelled',
    rejected: 'Not accepted',
    exported: 'Being packed',
    invoiced: 'Invoiced',
    dispatched: 'Dispatched',
    delivered: 'Delivered',
  },
  statusNote: {
    held_credit:
      'This order is over your credit limit or has overdue bills against it. Our finance team will release it once a payment arrives, or call you.',
    held_price: 'You asked for a special price; our sales manager is looking at it.',
    needs_review: 'Our team is checking this order and will confirm it shortly.',
    awaiting_confirmation: 'Reply YES in chat to confirm this order.',
    blocked: 'This order is blocked on credit. Please call our office.',
  },
  ledger: {
    invoice: 'Invoice',
    payment: 'Payment',
    credit_note: 'Credit note',
    debit_note: 'Debit note',
    adjustment: 'Adjustment',
  },

  creditLabel: 'Credit',
  noCreditLimit: 'No credit limit',
  creditAvailable: 'Credit available',
  limitUsed: (percent) => `${percent}% of the limit used`,
  limit: 'Limit',
  youOwe: 'You owe',
  notYetBilled: 'Orders not yet billed',
  overdue: 'Overdue',

  orderNo: (n) => `Order #${n}`,
  moreItems: (n) => `and ${n} more`,
  orderAgain: 'Order again',
  needsAttention: 'Needs attention',
  recentOrders: 'Recent orders',
  noOrdersYet: 'No orders yet. Tap “New order” to place your first.',
  nothingElse: 'Nothing else lately.',
  yourOrders: 'Your orders',
  noOrdersHere: 'No orders here.',
  newer: 'Newer',
  older: 'Older',

  allOrders: 'All orders',
  progress: 'Progress',
  timeline: {
    confirmed: 'Confirmed',
    warehouse: 'With the warehouse',
    invoiced: 'Invoiced',
    dispatched: 'Dispatched',
    delivered: 'Delivered',
  },
  notYet: 'not yet',
  shipment: 'Shipment',
  dispatchedOn: (d) =>
    `Dispatched ${d.day}` +
    (d.transporter ? ` by ${d.transporter}` : '') +
    (d.lrNumber ? `, LR ${d.lrNumber}` : '') +
    (d.vehicle ? `, vehicle ${d.vehicle}` : ''),
  deliveredOn: (day) => `Delivered ${day}`,
  orderPlaced: (n) => `Order #${n} placed. We have sent the details in chat too.`,
  noSuchOrder: (n) => `No order #${n} on your account.`,

  product: 'Product',
  amount: 'Amount',
  tax: 'Tax',
  total: 'Total',
  free: 'FREE',

  perUnit: (unit) => `per ${unit}`,
  nudge: (n) => {
    const more =
      n.missingQty !== null
        ? `${n.missingQty} more ${n.unit}`
        : `${rupees(n.missingMinor ?? 0n)} more`;
    return `Add ${more} of ${n.target} to get ${n.discount} off.`;
  },
  notAvailable: (items) => `Not available any more: ${items}. Remove them to go on.`,
  pricedLabel: 'Your order, priced',
  yourPrice: 'Your price',
  youSave: (amount) => `You save ${amount} on list prices.`,
  offerApplied: (name, saving) =>
    `Offer applied: ${name}${saving === null ? '' : ` — you save ${saving}`}`,
  overCredit: (amount) =>
    `This order is ${amount} over your credit. You can still place it: it waits for our finance team, who release it when a payment arrives.`,
  creditLeft: (amount) => `Credit left after this order: ${amount}`,
  placeOrder: 'Place order',
  yourItems: 'Your items',
  cartEmpty: 'Nothing yet: search below or tap a product you usually order.',
  quantityOf: (name) => `Quantity of ${name}`,
  reviewAndPrice: 'Review and price',
  addProducts: 'Add products',
  searchPlaceholder: 'Product name or code',
  searchLabel: 'Search products',
  search: 'Search',
  noMatch: (query) => `No product matches “${query}”.`,
  usuallyOrder: 'You usually order',
  notSoldAnyMore: (skus) => `Not sold any more, left out: ${skus}.`,
  badQuantity: (detail) => `Quantity ${detail ?? 'is not valid'}.`,

  unpaidBills: 'Unpaid bills',
  nothingUnpaid: 'Nothing unpaid. Thank you!',
  bill: 'Bill',
  due: 'Due',
  unpaid: 'Unpaid',
  daysLate: (n) => `${n} days late`,
  statement: 'Statement',
  noEntries: 'No entries yet.',
  entry: 'Entry',
  amountBalance: 'Amount · balance',
  downloadStatement: 'Download statement (CSV)',
  signedInDevices: 'Signed-in devices',
  downloadOrder: 'Download order (CSV)',
  reminders: 'Order reminders',
  remindersOn:
    'On: when your usual time between orders has passed, we send you a message on WhatsApp. Reply "same as last time" to order again.',
  remindersOff: 'Off. Turn on to get a message when your usual time between orders has passed.',
  turnRemindersOn: 'Turn reminders on',
  turnRemindersOff: 'Turn reminders off',
  remindersSaved: (on) => (on ? 'Order reminders are on.' : 'Order reminders are off.'),
  thisOne: '(this one)',
  lastUsed: (day) => `last used ${day}`,
  devices: {
    iphone: 'iPhone',
    ipad: 'iPad',
    androidPhone: 'Android phone',
    androidTablet: 'Android tablet',
    windows: 'Windows computer',
    mac: 'Mac',
    linux: 'Linux computer',
    other: 'A browser',
  },
  deviceSignedOut: 'That device is signed out.',
  noSuchDevice: 'No such device on your account.',

  notFound: 'Not found',
  sorry: 'Sorry',
  backToPortal: 'Back to your portal',
};

// The words of the Hindi chat replies (templates/hi.ts): कन्फ़र्म, क्रेडिट होल्ड, बकाया, अकाउंट टीम.
const hi: PortalText = {
  locale: 'hi-IN',
  languageName: 'हिंदी',

  portalName: 'ऑर्डर पोर्टल',
  navLabel: 'पोर्टल',
  home: 'होम',
  newOrder: 'नया ऑर्डर',
  orders: 'ऑर्डर',
  account: 'खाता',
  signOut: 'साइन आउट',

  signIn: 'साइन इन',
  portalHeading: 'आपका ऑर्डर पोर्टल',
  signInIntro: 'अपने ऑर्डर और खाता देखें, और कुछ ही टैप में दोबारा ऑर्डर करें।',
  continue: 'आगे बढ़ें',
  signInOnce: 'इस लिंक से यह फ़ोन या कंप्यूटर साइन इन होगा। यह एक ही बार चलता है।',
  refused: {
    unknown: 'यह साइन-इन लिंक सही नहीं है।',
    used: 'यह साइन-इन लिंक पहले ही इस्तेमाल हो चुका है। हर लिंक एक ही बार चलता है।',
    expired: 'इस साइन-इन लिंक का समय निकल चुका है।',
    inactive: 'आपका खाता अभी रुका हुआ है। कृपया हमारे ऑफ़िस में फ़ोन करें।',
    signed_out: 'आप साइन आउट हो चुके हैं।',
  },
  linkCommand: 'पोर्टल लिंक',
  newLink: (command) =>
    html`नया लिंक पाने के लिए हमें WhatsApp (या ईमेल) पर ${command} लिखकर भेजें। लिंक कुछ ही सेकंड में आ जाएगा।`,
  tooManyAttempts: 'साइन इन की बहुत ज़्यादा कोशिशें हो गईं। कुछ मिनट रुककर फिर कोशिश करें।',
  crossSite: 'दूसरी साइट से आया अनुरोध स्वीकार नहीं किया गया।',
  formExpired:
    'यह पेज बहुत देर से खुला था या कहीं और से आया है। वापस जाएँ, पेज फिर से लोड करें और दोबारा कोशिश करें।',

  status: {
    needs_review: 'हमारी टीम जाँच रही है',
    awaiting_confirmation: 'आपके YES का इंतज़ार',
    confirmed: 'कन्फ़र्म',
    held_credit: 'क्रेडिट होल्ड पर',
    held_price: 'रेट की मंज़ूरी बाकी',
    blocked: 'रोका गया',
    cancelled: 'रद्द',
    rejected: 'स्वीकार नहीं हुआ',
    exported: 'पैकिंग में',
    invoiced: 'बिल बन गया',
    dispatched: 'भेज दिया गया',
    delivered: 'पहुँच गया',
  },
  statusNote: {
    held_credit:
      'यह ऑर्डर आपकी क्रेडिट लिमिट से ज़्यादा है, या आपके कुछ बिलों का भुगतान बाकी है। भुगतान आते ही हमारी अकाउंट टीम इसे रिलीज़ कर देगी, या आपको फ़ोन करेगी।',
    held_price: 'आपने ख़ास रेट माँगा है; हमारे सेल्स मैनेजर उसे देख रहे हैं।',
    needs_review: 'हमारी टीम यह ऑर्डर जाँच रही है और जल्द ही कन्फ़र्म करेगी।',
    awaiting_confirmation: 'यह ऑर्डर कन्फ़र्म करने के लिए चैट में YES भेजें।',
    blocked: 'यह ऑर्डर क्रेडिट की वजह से रोका गया है। कृपया हमारे ऑफ़िस में फ़ोन करें।',
  },
  ledger: {
    invoice: 'बिल',
    payment: 'भुगतान',
    credit_note: 'क्रेडिट नोट',
    debit_note: 'डेबिट नोट',
    adjustment: 'समायोजन',
  },

  creditLabel: 'क्रेडिट',
  noCreditLimit: 'कोई क्रेडिट लिमिट नहीं',
  creditAvailable: 'उपलब्ध क्रेडिट',
  limitUsed: (percent) => `लिमिट का ${percent}% इस्तेमाल हो चुका है`,
  limit: 'लिमिट',
  youOwe: 'आपका बकाया',
  notYetBilled: 'ऑर्डर जिनका बिल अभी नहीं बना',
  overdue: 'तारीख़ निकल चुका बकाया',

  orderNo: (n) => `ऑर्डर #${n}`,
  moreItems: (n) => `और ${n} अन्य`,
  orderAgain: 'फिर से ऑर्डर करें',
  needsAttention: 'इन पर ध्यान दें',
  recentOrders: 'हाल के ऑर्डर',
  noOrdersYet: 'अभी तक कोई ऑर्डर नहीं है। पहला ऑर्डर देने के लिए “नया ऑर्डर” दबाएँ।',
  nothingElse: 'हाल में और कोई ऑर्डर नहीं।',
  yourOrders: 'आपके ऑर्डर',
  noOrdersHere: 'यहाँ कोई ऑर्डर नहीं है।',
  newer: 'नए',
  older: 'पुराने',

  allOrders: 'सभी ऑर्डर',
  progress: 'ऑर्डर कहाँ तक पहुँचा',
  timeline: {
    confirmed: 'कन्फ़र्म',
    warehouse: 'गोदाम में',
    invoiced: 'बिल बना',
    dispatched: 'भेजा गया',
    delivered: 'पहुँच गया',
  },
  notYet: 'अभी नहीं',
  shipment: 'माल की रवानगी',
  dispatchedOn: (d) =>
    `${d.day} को भेजा गया` +
    (d.transporter ? `, ट्रांसपोर्ट: ${d.transporter}` : '') +
    (d.lrNumber ? `, LR नं. ${d.lrNumber}` : '') +
    (d.vehicle ? `, गाड़ी ${d.vehicle}` : ''),
  deliveredOn: (day) => `${day} को पहुँचा`,
  orderPlaced: (n) => `ऑर्डर #${n} दे दिया गया है। पूरी जानकारी चैट में भी भेज दी है।`,
  noSuchOrder: (n) => `आपके खाते में ऑर्डर #${n} नहीं है।`,

  product: 'सामान',
  amount: 'रकम',
  tax: 'टैक्स',
  total: 'कुल',
  free: 'मुफ़्त',

  perUnit: (unit) => `प्रति ${unit}`,
  nudge: (n) =>
    n.missingQty !== null
      ? `${n.target} के ${n.missingQty} ${n.unit} और जोड़ें और ${n.discount} की छूट पाएँ।`
      : `${n.target} का ${rupees(n.missingMinor ?? 0n)} का माल और जोड़ें और ${n.discount} की छूट पाएँ।`,
  notAvailable: (items) => `ये अब उपलब्ध नहीं हैं: ${items}। आगे बढ़ने के लिए इन्हें हटा दें।`,
  pricedLabel: 'आपका ऑर्डर, दाम के साथ',
  yourPrice: 'आपका दाम',
  youSave: (amount) => `लिस्ट रेट से आपकी बचत: ${amount}`,
  offerApplied: (name, saving) =>
    `ऑफ़र लगा: ${name}${saving === null ? '' : ` — आपकी बचत ${saving}`}`,
  overCredit: (amount) =>
    `यह ऑर्डर आपके क्रेडिट से ${amount} ज़्यादा है। आप फिर भी ऑर्डर दे सकते हैं: यह हमारी अकाउंट टीम के पास रुकेगा, और भुगतान आते ही वे इसे रिलीज़ कर देंगे।`,
  creditLeft: (amount) => `इस ऑर्डर के बाद उपलब्ध क्रेडिट: ${amount}`,
  placeOrder: 'ऑर्डर दें',
  yourItems: 'आपका सामान',
  cartEmpty: 'अभी कुछ नहीं जोड़ा: नीचे खोजें, या जो सामान आप अक्सर मँगाते हैं उस पर टैप करें।',
  quantityOf: (name) => `${name} की मात्रा`,
  reviewAndPrice: 'जाँचें और दाम देखें',
  addProducts: 'सामान जोड़ें',
  searchPlaceholder: 'सामान का नाम या कोड',
  searchLabel: 'सामान खोजें',
  search: 'खोजें',
  noMatch: (query) => `“${query}” से कोई सामान नहीं मिला।`,
  usuallyOrder: 'आप अक्सर मँगाते हैं',
  notSoldAnyMore: (skus) => `ये सामान अब नहीं बिकते, इसलिए हटा दिए: ${skus}।`,
  // The schema's detail is English; say what a valid quantity is instead.
  badQuantity: (_detail, max) => `मात्रा सही नहीं है। कृपया 0 से ${max} तक की पूरी संख्या लिखें।`,

  unpaidBills: 'बाकी बिल',
  nothingUnpaid: 'कोई बिल बाकी नहीं है। धन्यवाद!',
  bill: 'बिल',
  due: 'देय तारीख़',
  unpaid: 'बाकी',
  daysLate: (n) => `${n} दिन से बकाया`,
  statement: 'स्टेटमेंट',
  noEntries: 'अभी कोई एंट्री नहीं है।',
  entry: 'एंट्री',
  amountBalance: 'रकम · बाकी',
  downloadStatement: 'स्टेटमेंट डाउनलोड करें (CSV)',
  signedInDevices: 'साइन इन किए हुए डिवाइस',
  downloadOrder: 'ऑर्डर डाउनलोड करें (CSV)',
  reminders: 'ऑर्डर की याद',
  remindersOn:
    'चालू: जब आपके दो ऑर्डर के बीच का आम समय बीत जाएगा, हम WhatsApp पर याद दिलाएँगे। दोबारा ऑर्डर के लिए "वही ऑर्डर" लिखें।',
  remindersOff: 'बंद। चालू करें, तो आपके ऑर्डर का आम समय बीतने पर हम याद दिलाएँगे।',
  turnRemindersOn: 'याद दिलाना चालू करें',
  turnRemindersOff: 'याद दिलाना बंद करें',
  remindersSaved: (on) => (on ? 'ऑर्डर की याद चालू है।' : 'ऑर्डर की याद बंद है।'),
  thisOne: '(यही डिवाइस)',
  lastUsed: (day) => `पिछली बार ${day} को इस्तेमाल`,
  devices: {
    iphone: 'iPhone',
    ipad: 'iPad',
    androidPhone: 'Android फ़ोन',
    androidTablet: 'Android टैबलेट',
    windows: 'Windows कंप्यूटर',
    mac: 'Mac',
    linux: 'Linux कंप्यूटर',
    other: 'कोई ब्राउज़र',
  },
  deviceSignedOut: 'वह डिवाइस साइन आउट कर दिया गया है।',
  noSuchDevice: 'आपके खाते में ऐसा कोई डिवाइस नहीं है।',

  notFound: 'नहीं मिला',
  sorry: 'माफ़ कीजिए',
  backToPortal: 'अपने पोर्टल पर वापस जाएँ',
};

const TEXTS = { en, hi };

/** 'en' | 'hi': whatever PORTAL_TEXT has an entry for. */
export type PortalLanguage = keyof typeof TEXTS;

export const PORTAL_TEXT: Record<PortalLanguage, PortalText> = TEXTS;

export const PORTAL_LANGUAGES = Object.keys(PORTAL_TEXT) as PortalLanguage[];

export function isPortalLanguage(value: unknown): value is PortalLanguage {
  return typeof value === 'string' && Object.hasOwn(PORTAL_TEXT, value);
}

export function portalText(lang: PortalLanguage): PortalText {
  return PORTAL_TEXT[lang];
}

/**
 * The dealer's own pick on this device (the cookie) wins; else the language
 * the dealer is on file with ('hi', 'hi-IN' → 'hi'); else English.
 */
export function pickPortalLanguage(
  cookieValue: string | undefined,
  dealerLanguage: string | null | undefined,
): PortalLanguage {
  if (isPortalLanguage(cookieValue)) return cookieValue;
  const stored = dealerLanguage?.toLowerCase() ?? '';
  return PORTAL_LANGUAGES.find((lang) => stored.startsWith(lang)) ?? 'en';
}
