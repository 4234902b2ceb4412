/**
 * What the message is for. Found order lines make it an order (unless it cancels);
 * otherwise cue phrases in English and Hindi decide. A message with no cue at all
 * is `other`, and unclear.
 */
import { CLOSED_CLASSES } from '../lexicon/closed-classes.js';
import { wordSet } from '../lexicon/lexicon.js';
import type { Intent } from '../types.js';

const ASKING = wordSet(CLOSED_CLASSES.enquiry);
/** What a question about an order already placed asks after. */
const ORDER_NOUN =
  /\b(order|orders|dispatch|dispatched|delivery|delivered|maal|material|consignment|parcel|bilty|lr|vehicle|gaadi|gadi|invoice|po)\b/;

/** "Order ka kya hua?", "PO 114 kab dispatch hoga?": a question after an order, naming no product. */
function asksAfterAnOrder(text: string): boolean {
  if (!ORDER_NOUN.test(text)) return false;
  return text.includes('?') || (text.match(/\p{L}+/gu) ?? []).some((w) => ASKING.has(w));
}

const HISTORY = wordSet(CLOSED_CLASSES.history);
/** Asking where goods are: their dispatch, vehicle, consignment note or delivery. */
const DELIVERY_QUESTION =
  /\b(dispatch(ed)?|deliver(y|ed)?|vehicle|bilty|lr|docket|courier|tracking|invoice copy|received|aaya|aayega|varum|varala|vannilla|aayo)\b/;
/** An order placed before: dated, on a day, a PO, yesterday's. */
const EARLIER_ORDER =
  /\b(order(ed)? (of|on|dated|dt)|dated|dt|ordered|po|indent|bola tha|diya tha|potta|pannina|ayacha|paranj\w*)\b|\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?\b/;
/** Asking for goods to be sent: then the lines are new, whatever else the message asks. */
const REQUEST =
  /\b(send|bhej\w*|supply|chahiye|chaiye|need|require\w*|add|anupp?\w*|pathva|moklo|mokal\w*|kalisi|kalsi|pampandi|ayakk\w*|book|pfa)\b|\b(please|pls|plz|kindly) (find|dispatch|arrange|deliver|process)\b/;

/**
 * "Our order dated 28.02 (33W combo 5 box) is not received yet, please confirm the dispatch
 * date": lines that only say which earlier order a delivery question is about.
 */
function asksAfterEarlierLines(text: string): boolean {
  if (REQUEST.test(text) || !DELIVERY_QUESTION.test(text)) return false;
  const words = text.match(/\p{L}+/gu) ?? [];
  const asking = text.includes('?') || words.some((w) => ASKING.has(w));
  const earlier = EARLIER_ORDER.test(text) || words.some((w) => HISTORY.has(w));
  return (asking || STATUS_BESIDE_LINES.test(text)) && earlier;
}

/** What a question before buying asks about. */
const TERMS =
  /\b(rate|rates|price|prices|pricing|price ?list|rate ?list|scheme|schemes|offer|offers|discount|off|free|stock|available|availability|bhav|daam|gst)\b|%/;
/** Asking to be told the terms: "please share your price list", "let us know". */
const TELL_ME =
  /\b(inform|tell|let us know|let me know|bata\w*|sanga|sollunga|heli|janaben|jaanavo)\b|\b(share|send|bhej\w*|moklo)\b.{0,25}\b(price ?list|rate ?list|rates|prices|scheme|offer)/;
/** "phir order karenge", "before we place the order", "pachhi order aapishu": an order to come. */
const ORDER_TO_COME =
  /\b(phir|fir|then|baad me|baad mein|after that|pachhi|pachi|mag|mele|taruvata) (hi )?(order|confirm)\b|\border (karenge|karunga|denge|dunga|dalenge|aapishu|aapsu|apishu|deu|podren|podrom|kodthini|chestanu)\b|\b(will|before we) (place|confirm|send|give) (the |our |you )?order\b/g;

/** The sentences of a text, each with the mark that ends it ("rate kya hai?"). */
function sentences(text: string): string[] {
  return text.split(/(?<=[?!\n])|(?<=\.)(?=\s)/);
}

/**
 * "Stock irukka? rate enna?", "any scheme on X this season?": asking about terms or stock, with
 * no request to send, is not an order yet — whatever products it names. Beside lines read as
 * an order, only a one-line message or one whose every sentence holding a number is part of
 * the asking: a call or a list that also asks a rate is still an order.
 */
function asksBeforeBuying(text: string, hasOrderLines: boolean): boolean {
  const asked = text.replace(ORDER_TO_COME, ' ');
  if (REQUEST.test(asked.replace(TELL_ME, ' ')) || ORDER.test(asked) || !TERMS.test(text))
    return false;
  if (!text.includes('?') && !TELL_ME.test(text)) return false;
  if (!hasOrderLines || !text.trim().includes('\n')) return true;
  return sentences(text)
    .filter((s) => /\d/.test(s))
    .every((s) => TERMS.test(s) || s.includes('?'));
}

/** Words that make products the subject of a complaint or a return, in every language listed. */
const COMPLAINT_OR_RETURN = new Set([
  ...wordSet(CLOSED_CLASSES.complaint),
  ...wordSet(CLOSED_CLASSES.return),
]);

/**
 * The text names a complaint or a return and asks for nothing to be sent. Beside lines read as
 * an order, the complaint must share a line with a number ("10 set ... exchange"), not be an
 * aside ("calling from another phone, mine is kharab").
 */
function complainsWithoutOrdering(
  text: string,
  hasOrderLines: boolean,
  productWords: ReadonlySet<string> = new Set(),
): boolean {
  if (ORDER.test(withoutComplaintRequests(text))) return false;
  return text
    .replace(PHONE_OUT, ' ')
    .split('\n')
    .some(
      (line) =>
        // a heading ("Old stock to be returned:") speaks for the list under it
        (!hasOrderLines || /\d/.test(line) || /:\s*$/.test(line)) &&
        ((line.match(/\p{L}+/gu) ?? []).some(
          (w) => COMPLAINT_OR_RETURN.has(w) && !productWords.has(w),
        ) ||
          (SUBSTITUTE.test(line) && RECEIVED.test(text))),
    );
}

/** "Unka phone kharab hai": the phone is out of order, not the goods. */
const PHONE_OUT =
  /\b(phone|mobile|number|fone)\b.{0,12}\b(kharab|khrab|band|bandh|off|not working|dead|kettoytu|kettu|damage|damaged|broken|tuta|toota)\b/g;

/** "X instead of Y", "X ki jagah Y": one product in the other's place. */
const SUBSTITUTE =
  /\b(instead of|in place of|ki jagah|ke badle|ke bajaye|ni jagya\w*|chya jagi|jagi|badhila\w*|pathila\w*|badulu|badalige|pakaram|bodole)\b/;
/** Goods that came ("received", "aa gaye", "vandhuchu"): the complaint is about a delivery. */
const RECEIVED =
  /\b(received|recieved|came|got|delivered|supplied|billed|aaya|aaye|aayi|aa gay\w*|aa gaya|mila|mile|aavi|aavyo|aavya|aavela|aala|aale|aali|vandh\w*|vanth\w*|bandid\w*|bandhide|vachin\w*|vannu|vanna|eshe\w*|esechhe)\b/;
/**
 * Inside a complaint, asking for the shortfall or a replacement ("send the short 2 box with the
 * next dispatch", "baki 4 bhejo", "against PO 1192") is not asking for new goods.
 */
function withoutComplaintRequests(text: string): string {
  // "take these back and send the adult ones", "wapas le lo aur Enrovet bhejo": in an exchange
  // the send asks for the goods in place of those taken back
  const exchange = EXCHANGE.test(text);
  return text
    .replace(exchange ? SEND_WORD : /$^/, ' ')
    .replace(/\bpo\b\s*(no\.?|number|#)?\s*[\w/.-]*\d[\w/.-]*/g, ' ')
    .replace(
      /\b(send|bhej\w*|moklo|mokal\w*|anupp?\w*|kalis\w*|ayakk\w*)\b[^.\n]{0,30}\b(short|shortfall|balance|remaining|missing|baaki|baki|replacement|replaced|correct one)\b/g,
      ' ',
    )
    .replace(
      /\b(short|shortfall|balance|remaining|missing|baaki|baki|replacement)\b[^.\n]{0,30}\b(send|bhej\w*|moklo|mokal\w*|anupp?\w*|kalis\w*|ayakk\w*)\b/g,
      ' ',
    )
    .replace(/\d[\w/.-]*\s+(vada|vado|wala|wale|ka|ki|ke)\s+po\b/g, ' ')
    .replace(/\b(send|bhej\w*|issue)\b.{0,15}\bcredit note\b/g, ' ')
    .replace(
      /\b(chahiye|chaiye|needed|wanted|joito|joiye|venum) (tha|thi|the|hatu|hata|hati)\b/g,
      ' ',
    )
    .replace(/\b(with|in|by) (the )?next (dispatch|trip|delivery|vehicle|gaadi)\b/g, ' ');
}

/** Goods taken back for others: an exchange. */
const EXCHANGE =
  /\btake (it |them |these |those |the [\w ]{1,20})?back\b|\bwapas le\w*|\bwapis le\w*|\bexchange\b|\binstead of\b|\bki jagah\b/;
const SEND_WORD = /\b(send|bhej\w*|moklo|mokal\w*|pathav\w*|anupp?\w*|pampu\w*|kalis\w*)\b/g;

/** Goods to be held, not sent: "reserve rakh lena", "keep 50 reserved", "rok ke rakhna". */
const HOLD =
  /\b(reserve|reserved|hold|on hold|block|blocked|set aside|keep aside|rok ke rakh\w*|rok kar rakh\w*|rakh lena|rakh lijiye|sambhal ke rakh\w*|rakhi mook\w*|rakhjo|theva|thevun|vachukon\w*|eduthu vai\w*|thegedi\w*|thegedu)\b/;
/** …until the dealer confirms: "confirm next week", "Monday ko confirm karunga", "abhi mat bhejna". */
const CONFIRM_LATER =
  /\bconfirm\w*\b.{0,30}\b(next|later|after|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|kal|karenge|karunga|karungi|karishu|karu|panren|pannuren|chestanu|maadtini|madthini)\b|\b(will|we'll|i'll|shall) confirm\b|\b(abhi|now|yet)\b.{0,12}\b(mat|don'?t|do not|nako|nahi|vendam|beda|vaddu)\b.{0,12}\b(bhej\w*|send|dispatch\w*|moklo|pathav\w*|anupp?\w*)|\b(don'?t|do not) (send|dispatch)\b|\b(mat|nako) (bhej\w*|pathav\w*)|\bdispatch mat\b|\b(po|purchase order|order) will (come|follow|be sent)\b|\bafter (the )?(client'?s? )?approval\b/;

/** "abhi mat bhejna", "don't send yet": a send word that refuses. */
function withoutRefusedSends(text: string): string {
  return text
    .replace(
      /\b(mat|matt|don'?t|do not|nako|nahi|vendam|beda|vaddu)\s+(bhej\w*|send\w*|dispatch\w*|moklo|mokal\w*|pathav\w*|anupp?\w*)/g,
      ' ',
    )
    .replace(
      /\b(bhej\w*|send\w*|dispatch\w*|moklo|mokal\w*|pathav\w*|anupp?\w*)\s+(mat|matt|nahi|nako|vendam|beda|vaddu|nathi)\b/g,
      ' ',
    );
}

/** A part of an earlier order called off: "6 June wale order me X cancel karo", "from our order dt 06.03". */
const EARLIER_ORDER_NAMED =
  /\b(wale|wala|wali|vala|vale|vada|vado|na|la|alli|ninnu)\s+(order|po|indent)\b|\b(from|in|of) (our|my|the|yesterday'?s|today'?s|last|previous|pending) (\w+ )?(order|po|indent)\b|\b(order|po|indent) (dt|dated|of|on)\b|\b(kal|parso|parson|yesterday|nethu|ninne|innale|gotokal|kaal|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.{0,20}\b(order|po|indent)\b|\b(order|po|indent) (me|mein|ma|la|alli|il|lo|thi)\b/;

const CANCEL =
  /\bcancel+(ed|led)?\b|\bcancil\b|\bradd\b|रद्द|\bhata (do|dijiye|dena|diya)\b|\bhatao\b|\bremove\b/;
/** The whole order is called off ("please cancel our order dated 13.06 (Urea 200 bags …)"): the lines only say which. */
const CANCEL_ORDER =
  /\bcancel+(ed|led)? (our |my |the |this |that |previous |last |kal ka |kal wala )?(order|po|indent|requisition)\b|\b(order|po|indent)\s+(ko\s+)?(cancel|radd)|\b(order|po|indent) (is |stands )?cancel+ed\b/;
const STATUS = new RegExp(
  [
    String.raw`\bstatus\b`,
    String.raw`\bnot (yet )?(been )?(received|delivered|come|arrived|reached|dispatched)`,
    String.raw`\bhas ?n[o']t (come|arrived|reached|been (delivered|received|dispatched))`,
    String.raw`\bnahi(n)? (aaya|aya|aayi|ayi|mila|pahuncha|pahunchi)\b`,
    String.raw`\babhi tak\b`,
    String.raw`\bkab (tak )?(aa|aay|aaeg|aeg|ay|jay|jaay|mil|pahunch|nikl|bhej|dispatch)\w*`,
    String.raw`\bwhen (will|can|is|does|do)\b.{0,40}\b(deliver|dispatch|arriv|reach|come|expect)`,
    String.raw`\bexpect(ed)? (the )?delivery\b`,
    String.raw`\bwhere is (my|our|the) (order|delivery|material|goods|vehicle)`,
    String.raw`\b(gaadi|gadi|vehicle|driver)\b`,
    String.raw`\blr (copy|no|number)\b`,
    String.raw`\btracking\b`,
    String.raw`\bpending hai\b|\bis pending\b|\bstill pending\b|\bse pending\b`,
    String.raw`\bchecking on\b`,
    String.raw`\bdispatch (details|hua|ho gaya|kab)\b`,
    String.raw`\bdelivery (hogi|kab|status)\b`,
    String.raw`\bkahan (hai|pahunch)`,
    String.raw`\bkitne din\b.{0,30}\b(aa|lag|mil|pahunch|deliver)\w*`,
    String.raw`\b(order|maal|saman|samaan|material)\b.{0,20}\b(nikla|nikal gaya|nikli|chala gaya|dispatch hua)\b`,
    String.raw`\binvoice (number|no) bata`,
    // "confirm dispatch of our PO …", "dispatch aayo?", "share the LR / docket number"
    String.raw`\bconfirm (the |if )?(dispatch|our order|the order)\b`,
    String.raw`\bdispatch (aayo|aayi|ayyaya|ayyinda|aindaa|aa\?|ho gayi|thayu|jhala)`,
    String.raw`\b(lr|docket|bilty|awb|consignment) ?/? ?(docket )?(copy|no|number)\b`,
  ].join('|'),
);
const BALANCE = new RegExp(
  [
    String.raw`\boutstanding\b`,
    String.raw`\bbalance\b`,
    String.raw`\bstatement of account\b|\baccount statement\b|\bsoa\b`,
    String.raw`\b(baaki|baki|bakaya|bakaaya)\b.{0,12}\b(hai|kitna|batao|bata)\b|\bkitna (baaki|baki|bakaya)\b|\bbakaya\b`,
    String.raw`\b(ledger|statement)\b.{0,20}\b(bhej\w*|chahiye|chaiye|send|share|required|from|for|de do|dijiye)\b`,
    String.raw`\b(send|share|need|want|require|bhej\w*)\b.{0,20}\b(ledger|statement)\b`,
    String.raw`\bhow much (do we|we) owe\b|\bdues\b`,
  ].join('|'),
);
/** "How much do we owe" in the languages the lexicon has: kitna baaki, baki kiti, ketlu baaki, koto baki… */
const OWED_QUESTION =
  /\b(kitna|kitni|kiti|kitti|ketlu|ketla|koto|kato|evlo|evvalavu|ethra|ethre|entha|enta|eshtu|estu|kinna|how much)\b.{0,15}\b(baaki|baki|bakaya|baaqi|due|dues|outstanding|pending|balance|owe)\b|\b(baaki|baki|bakaya|due|dues|outstanding|balance)\b.{0,15}\b(kitna|kitni|kiti|kitti|ketlu|ketla|koto|kato|evlo|evvalavu|ethra|ethre|entha|enta|eshtu|estu|kinna|how much)\b/;
/** Money owed, asked as "pending" or as the account ("hisaab"): a balance question, not an order's status. */
const PAYMENT_DUE =
  /\b(payment|amount|paisa|paise|dues?|bill amount)\b.{0,25}\bpending\b|\bpending (payment|amount|dues?)\b|\bhisaa?b\b|\bkhaa?ta\b/;
/**
 * "Not come yet" and "when will it come" in the languages the lexicon has (innum varala, innu
 * bandilla, ithu vare vannilla, haju nathi aavyo…), and the papers of a dispatch asked for.
 */
const NOT_COME_YET =
  /\b(innum|innu|inka|ithu vare|ippozhum|ajun|haju|hale|ekhono|ekhon)\b.{0,25}\b(varala|varalai|varla|vandhilla|bandilla|barlilla|raaledu|raledu|vannilla|ethiyilla|aala nahi|aale nahi|nathi|nahi aaya|ashe ?ni|aseni)\b|\b(varala|bandilla|vannilla|raaledu|ethiyilla)\b|\b(eppo|eppodhu|yavaga|eppudu|eppol|kyare|kadhi|kobe|kado|when)\b.{0,15}\b(varum|barutte|vastundi|varum|ethum|aavshe|yeil|aashbe|aayega|will (it|they|the \w+) (come|reach|arrive))\b|\b(dispatch|dispatched)\b.{0,10}\b(aayo|aayi|ho gaya|hua|done)\s*\?|\b(invoice|vehicle|lorry|truck|lr|bilty|docket|tracking) (number|no|copy|details?)\b.{0,15}\b(please|pls|plz|share|send|bhej\w*|kodi|kudunga|ivvandi)\b|\bdispatch date\b/;
/** Status cues that still mean "where is it" when the message also lists products. */
const STATUS_BESIDE_LINES =
  /\bstatus\b|\bnot (yet )?(been )?(received|delivered|arrived|reached|dispatched)|\bnahi(n)? (aaya|aya|aayi|ayi|mila|pahuncha|pahunchi)\b|\bkab (tak )?(bhejoge|bhejenge|aayega|aaega|ayega|milega|pahunchega)\b|\bwhere is (my|our|the) (order|delivery|material|goods)/;
const AUTO_REPLY =
  /\bout of (the )?office\b|\bautomatic reply\b|\bauto-?reply\b|\b(i am|i'm|iam) on leave\b|\bon leave (till|until|from)\b/;
const WRONG_NUMBER =
  /\b(kya|is) (ye|yeh|this) [a-z .&']{2,40}(hai|\?)|\bwrong number\b|\bgalat number\b/;
/**
 * Asking for a quotation lists what would be bought; it is not an order yet. An order placed
 * against one ("Ref your quotation JE/Q/118", "as per quotation") is an order.
 */
const QUOTE_REQUEST =
  /\bquote (your |us |the )?(best )?(rate|price)|(?<!\b(?:your|ref|against|per|to) )\bquotation\b|\bbest rates?\b|\b(please|pls|plz|kindly) quote\b(?! (the |our |this )?(po|order|ref|reference|invoice|no)\b)|\bquote for\b|\b(send|share) (your |the )?(current |latest )?(rates?|prices?) (for|of)\b|\bwhat rate for\b/;
/** Asking the price or a scheme first: "500 bag lena hai, rate kya lagega? phir order karenge". */
const PRICE_QUESTION =
  /\brate (kya|batao|bata|kitna|bhejo)|\b(what|whats|what's) (is )?the (rate|price)\b|\b(scheme|subsidy|discount)\b.{0,40}\?|\bprice\b.{0,20}\?/;
const ORDER_LATER =
  /\b(phir|fir|then|baad me|baad mein|after that) (hi )?(order|confirm)\b|\border (karenge|karunga|denge|dunga|dalenge)\b|\bwill (place|confirm|send) (the |our )?order\b/;
/** A greeting or courtesy alone: plainly nothing to do. */
const COURTESY =
  /\b(good (morning|evening|afternoon|night|day)|hello|hi|hii+|namaste|namaskar|ram ram|jai shri|jai shree|radhe radhe|assalam|salaam|happy|greetings|dhanyavaad|dhanyawad|dhanyavad|shukriya|thanks|thank you|thx|welcome|ok|okay|noted)\b/;
/** A payment being reported ("transferred Rs 1,50,000 against our outstanding"): a notice, not a question. */
const PAYMENT_MADE =
  /\b(transferred|remitted|deposited|paid|payment (done|made|sent|kar di|kar diya|ho gaya|ho gayi))\b|\b(neft|rtgs|imps|utr)\b/;
const QUESTION =
  /\?|\bkitna\b|\bhow much\b|\bbata(o|na|iye|yein|ye)?\b|\b(send|share)\b.{0,20}\b(statement|ledger)\b/;
/** "statement kalisi", "send the ledger": the account asked for, not goods. */
const ACCOUNT_REQUEST =
  /\b(statement|ledger)\b.{0,15}\b(send|share|bhej\w*|kalis\w*|kalsi|ayakk\w*|anupp?\w*|pampandi|moklo|pathva)\b|\b(send|share|bhej\w*|kalis\w*|kalsi|ayakk\w*|anupp?\w*|pampandi|moklo|pathva)\b.{0,20}\b(statement|ledger)\b/g;
/** Lines that describe an order already placed ("jo pending tha", "order diya tha"), not a new one. */
const PAST_ORDER =
  /\b(din|days|hafte|week|weeks) ho (gaye|gaya|gayi)\b|\bwala order\b|\bjo order\b|\b(order|maal)\b.{0,30}\b(diya|kiya|bheja|lagaya) tha\b|\bjo pending (tha|thi|the)\b|\b(ordered|placed)\b.{0,30}\b(on|last|ago)\b|\bwe had ordered\b/;
const OTHER = new RegExp(
  [
    String.raw`\bpaid\b|\bpayment\b|\bneft\b|\brtgs\b|\bimps\b|\bupi\b|\butr\b|\bgpay\b|\bphonepe\b|\bpaytm\b|\bcheque\b|\bchq\b|\btransferred\b`,
    String.raw`\breceived\b.{0,40}\b(in good condition|safely|thank)|\bthank you for\b`,
    String.raw`credit note|\bexpiry\b|\bwapas\b|\breplace\b|\bkhaa?rab\b|\bdefective\b|\bdamaged?\b|\bleak|\bbroken\b|\bwet\b|\bcrushed\b|\bphat[ea]\b|\bphate hue\b|\bgeele\b|\bexpired\b|\bwrong\b|\bcomplain`,
    String.raw`price ?list|rate ?list|\brate\b|\bscheme\b|\bdiscount\b|\boffer\b`,
    String.raw`out of office|automatic reply|auto-?reply|\bon leave\b`,
    String.raw`^\s*(ok|okay|thanks|thank you|thx|noted|received|👍|🙏)\W*$`,
  ].join('|'),
  'u',
);
const ORDER =
  /\border\b|\bsend\b|\bbhej|\bsupply\b|\bpo\b|\bpurchase\b|\bchahiye\b|\bchaiye\b|\bneed\b|\brequire|\bbook\b|\busual\b|\bsame as\b|\brepeat\b|\bpfa\b|\battach|\bdouble\b|\bdispatch\b/;

/** Complaint words inside a segment (a phone out of order aside): its quantities describe damage, not an order. */
export function complainsInSegment(segment: string): boolean {
  return COMPLAINT.test(segment.replace(PHONE_OUT, ' '));
}
const COMPLAINT =
  /credit note|\bkhaa?rab\b|\bdefective\b|\bfaulty\b|\bnot working\b|\breplace karwa|\bshort expiry\b|\bexpiry\b|\bwapas\b|\breplace karo\b|\breplacement\b|\bdamaged?\b|\bleak(ing|ed|s)?\b|\bbroken\b|\bwet\b|\bcrushed\b|\bphat[ea]\b|\bgeele\b|\bexpired\b|\breturn\b|\bshort (supply|received)\b/;

export interface IntentInput {
  /** Cleaned text (new part of a mail, caller turns of a call), transliterated to Latin. */
  text: string;
  hasOrderLines: boolean;
  /** How many lines were read as ordered (guesses left out). */
  orderLines: number;
  hasProductMentions: boolean;
  /** The sender is a dealer or rep on file. */
  knownSender: boolean;
  /** An email's subject ("Automatic reply: …"), when there is one. */
  subject?: string;
  /** Words of the names of the SKUs read as lines: "back" of a "High Back" chair is no return. */
  productWords?: ReadonlySet<string>;
}

export interface IntentReading {
  intent: Intent;
  /** False when nothing in the text said what it was for. */
  clear: boolean;
  /** Order lines next to a cancel or status cue ("send X; cancel the Y"): a person settles what stands. */
  mixed: boolean;
}

export function detectIntent(input: IntentInput): IntentReading {
  const text = input.text.toLowerCase();
  // An out-of-office reply or a stranger looking for someone else orders nothing, whatever
  // numbers it holds ("on leave till 16-Dec-2024", "kya ye Sharma Tent House hai?").
  if (AUTO_REPLY.test(text) || AUTO_REPLY.test((input.subject ?? '').toLowerCase()))
    return { intent: 'other', clear: true, mixed: false };
  if (!input.knownSender && WRONG_NUMBER.test(text))
    return { intent: 'other', clear: true, mixed: false };
  // Lines to send next to a cancel word ("send X; cancel the Y") are kept, for a person to settle.
  if (CANCEL.test(text)) {
    if (CANCEL_ORDER.test(text) || EARLIER_ORDER_NAMED.test(text))
      return { intent: 'cancel', clear: true, mixed: false };
    return input.hasOrderLines
      ? { intent: 'order', clear: true, mixed: true }
      : { intent: 'cancel', clear: true, mixed: false };
  }
  // "Proclaim 250 gm aa gaye, 100 gm manga tha, exchange karwa do": products named in a
  // complaint or a return, with no word asking for goods, are not an order.
  if (
    complainsWithoutOrdering(text, input.hasOrderLines, input.productWords) ||
    asksBeforeBuying(text, input.hasOrderLines)
  )
    return { intent: 'other', clear: true, mixed: false };
  // "keep 50 bags reserved, will confirm next week": goods held, not yet ordered
  // (sending the rest now keeps it an order: "send 10 now, keep 10 reserved"; so does a long
  // list with one item held aside)
  if (
    HOLD.test(text) &&
    CONFIRM_LATER.test(text) &&
    input.orderLines <= 3 &&
    !REQUEST.test(withoutRefusedSends(text))
  )
    return { intent: 'other', clear: true, mixed: false };
  // "amcha baki kiti aahe?": what is owed, beside at most one number read as a line
  const withoutAccount = text.replace(ACCOUNT_REQUEST, ' ');
  if (
    OWED_QUESTION.test(text) &&
    input.orderLines <= 1 &&
    !REQUEST.test(withoutAccount) &&
    !ORDER.test(withoutAccount)
  )
    return { intent: 'balance', clear: true, mixed: false };
  if (input.hasOrderLines) {
    // Lines next to "not received yet": a question about an order already placed, or a new
    // order that also asks about the last; either way a person looks.
    // Asking the rate before ordering: not an order yet.
    if ((PRICE_QUESTION.test(text) && ORDER_LATER.test(text)) || QUOTE_REQUEST.test(text))
      return { intent: 'other', clear: false, mixed: false };
    const status = STATUS_BESIDE_LINES.test(text);
    if (status && PAST_ORDER.test(text))
      return { intent: 'order_status', clear: true, mixed: false };
    if (asksAfterEarlierLines(text)) return { intent: 'order_status', clear: true, mixed: false };
    // "nethu potta order innum varala": an earlier order named, asked after, nothing new wanted
    if (
      NOT_COME_YET.test(text) &&
      (PAST_ORDER.test(text) || EARLIER_ORDER_NAMED.test(text) || EARLIER_ORDER.test(text)) &&
      !REQUEST.test(withoutRefusedSends(text))
    )
      return { intent: 'order_status', clear: true, mixed: false };
    return { intent: 'order', clear: true, mixed: status };
  }
  if (PAYMENT_MADE.test(text) && !QUESTION.test(text))
    return { intent: 'other', clear: true, mixed: false };
  if (PAYMENT_DUE.test(text)) return { intent: 'balance', clear: true, mixed: false };
  if (STATUS.test(text)) return { intent: 'order_status', clear: true, mixed: false };
  if (BALANCE.test(text)) return { intent: 'balance', clear: true, mixed: false };
  if (OTHER.test(text)) return { intent: 'other', clear: true, mixed: false };
  if (!input.hasProductMentions && asksAfterAnOrder(text))
    return { intent: 'order_status', clear: true, mixed: false };
  if (ORDER.test(text) || input.hasProductMentions)
    return { intent: 'order', clear: true, mixed: false };
  // A greeting is plainly other; anything else with no cue ("NS" answering a quoted question,
  // numbers nobody could read) is for a person.
  return {
    intent: 'other',
    clear: text.trim().length < 80 && !/\d/.test(text) && COURTESY.test(text),
    mixed: false,
  };
}
