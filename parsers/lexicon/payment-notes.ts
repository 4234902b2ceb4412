/**
 * A sentence about paying — "Payment: 30 days from invoice", "Payment Monday ko RTGS karte",
 * "pichla invoice 3345 ka payment aaj NEFT kar diya" — tells accounts something and changes no
 * line of the order. The review policy's `payment-note.ts` explains these words only inside a
 * sentence that has a payment word and no line, no doubt and nothing else unexplained.
 *
 * `when` words are words of time that a closed class holds elsewhere ("kal", "will", "last",
 * "karenge"): said of a payment they are no condition on the order. Nothing here negates,
 * cancels, returns, complains, asks or corrects, and no "if", "after" or "keep" (a test holds
 * the lists to that).
 */
import type { WordList } from './lexicon.js';

/** The words that make a sentence a payment note. */
export const PAYMENT_WORDS: WordList = {
  en: [
    'payment',
    'payments',
    'pymt',
    'pmt',
    'paymt',
    'rtgs',
    'neft',
    'imps',
    'upi',
    'cheque',
    'cheques',
    'chq',
    'utr',
    'remittance',
  ],
  hi: ['bhugtan'],
};

/** What may stand beside the payment word: how, how much, for which bill, by whom, done. */
export const NOTE_WORDS: WordList = {
  en: [
    'terms',
    'term',
    'days',
    'as',
    'per',
    'agreed',
    'agreement',
    'within',
    'from',
    'of',
    'by',
    'via',
    'the',
    'our',
    'my',
    'is',
    'be',
    'been',
    'has',
    'have',
    'done',
    'made',
    'paid',
    'transferred',
    'deposited',
    'sent',
    'collected',
    'invoice',
    'inv',
    'bill',
    'advance',
    'cash',
    'full',
    'amount',
    'ledger',
    'account',
    'update',
    'note',
    'on',
    'in',
    'to',
    'for',
    'against',
    'week',
    'month',
    'end',
  ],
  hi: [
    'kar',
    'karte',
    'karta',
    'karke',
    'kiya',
    'diya',
    'de',
    'ho',
    'gaya',
    'ka',
    'ki',
    'ke',
    'ko',
    'se',
    'me',
    'mein',
    'parso',
    'hafte',
    'hafta',
    'mahine',
    'nakad',
    'poora',
    'pura',
  ],
  mr: ['karto', 'karu', 'karun', 'keli', 'kela', 'kelay', 'pudhchya', 'aathavdyat', 'chi', 'cha'],
  gu: ['karsu', 'karishu', 'kari', 'dais', 'aapsu', 'kale'],
  kn: ['maadtini', 'madtini', 'mundina', 'vaara'],
  ta: ['pannuren', 'pannitten'],
  te: ['chestanu', 'chesanu', 'chesamu'],
  ml: ['cheythu', 'cheyyam'],
  pa: ['diti', 'ditti', 'paa'],
  bn: ['korbo', 'korechi', 'diyechi', 'diye'],
};

/** Words of time a closed class holds elsewhere, taken as framing inside a payment note only. */
export const NOTE_WHEN_WORDS: WordList = {
  en: ['will', 'next', 'last', 'previous', 'usual'],
  hi: [
    'kal',
    'agle',
    'karenge',
    'karunga',
    'denge',
    'dunga',
    'hoga',
    'pichla',
    'pichle',
    'pichhla',
    'pichhle',
  ],
};

/**
 * "Kindly send the bill in duplicate.", "GST bill chahiye.", "Bill beku.": a sentence asking for
 * the bill itself is for accounts too. These words make one, with `BILLING_NOTE_WORDS` beside
 * them (not the payment note's terms and days); a sentence that bills someone else, splits or adjusts
 * the bill ("bill unke naam", "alag bill", "adjust in this bill") has a word no list holds.
 */
export const BILLING_WORDS: WordList = {
  en: ['bill', 'bills', 'invoice', 'gst', 'eway', 'e-way'],
};

/** What may stand beside the bill word: which bill, which copy, and asking for it. */
export const BILLING_NOTE_WORDS: WordList = {
  en: [
    'the',
    'a',
    'in',
    'on',
    'our',
    'total',
    'send',
    'mail',
    'email',
    'whatsapp',
    'with',
    'copy',
    'duplicate',
    'triplicate',
    'number',
    'today',
    'need',
    'needed',
    'required',
    'correct',
    'correctly',
    'proper',
    'way',
    'please',
    'pls',
    'kindly',
  ],
  hi: [
    ...['chahiye', 'chaiye', 'wala', 'wali', 'daal', 'daalna', 'dalna', 'dena', 'bhejna', 'sahit'],
    ...['karo', 'karna', 'kar'],
  ],
  gu: ['joiye', 'joie', 'ma', 'nakhjo', 'nakhi', 'moklo', 'moklajo'],
  kn: ['beku', 'kalsi', 'kalisi'],
  te: ['lo', 'ga', 'veyyandi', 'pampandi', 'cheyandi', 'cheyyandi'],
  ta: ['venum', 'anuppunga'],
  ml: ['venam', 'ayakkuka'],
  bn: ['chai', 'pathaben'],
  mr: ['pahije', 'pathva'],
  pa: ['chahida', 'bhejo'],
};

/**
 * "Bill on Siddhivinayak Glass.", "Bill Lakshmi Agro ke naam pe", "Bill Murugan Auto Parts per
 * la podunga": billing in the name of the dealer the order is for changes nothing. The bill word,
 * and these words around the name, are framing only in a sentence whose every other word is that
 * dealer's name (`payment-note.ts`); "bill unke naam" names nobody and stays unexplained.
 */
export const BILL_TO: { bill: WordList; around: WordList } = {
  bill: { en: ['bill', 'billing', 'invoice'] },
  around: {
    en: ['on', 'in', 'to', 'of', 'the', 'name', 'please', 'pls', 'only', 'make'],
    hi: [
      'ke',
      'ka',
      'ki',
      'naam',
      'naame',
      'pe',
      'par',
      'mein',
      'hi',
      'banana',
      'banao',
      'bana',
      'karna',
      'kar',
    ],
    mr: ['chya', 'navane', 'navavar', 'kara', 'banva'],
    gu: ['nu', 'ne', 'naame', 'par', 'banavjo', 'banavo'],
    ta: ['per', 'la', 'podunga', 'podungal', 'peyarla'],
    te: ['peru', 'meeda', 'veyyandi', 'cheyyandi'],
    kn: ['hesarige', 'hesaralli', 'maadi'],
    ml: ['peril', 'perill', 'cheyyuka'],
    bn: ['er', 'naame', 'koren'],
    pa: ['de', 'naam', 'te'],
  },
};
