/**
 * What a dealer asks for about their own account, when the message names no
 * product: the portal link, a reorder of the last order, the credit limit,
 * or their order history. Each kind is a list of phrases (data below); a
 * message is read as a request only when, once the phrase is taken out,
 * every word left is politeness or framing ("please", "bhejo", "batao",
 * "mujhe"). So "same as last time" is a reorder, but "same as last time it
 * came damaged" or "we got wrong items in the last 5 orders" are not: they
 * go to a person as before. Pure.
 */

import { CARDINALS } from '../../../parsers/lexicon/numbers.js';

export type HistoryPeriod = 'recent' | 'this_month' | 'last_month';

export type DealerRequest =
  | { kind: 'portal_link' }
  | { kind: 'reorder' }
  | { kind: 'credit_limit' }
  | { kind: 'history'; period: HistoryPeriod; count: number };

/** Orders listed when the dealer does not say how many. */
export const DEFAULT_HISTORY_COUNT = 5;
/** At most this many in one reply. */
export const MAX_HISTORY_COUNT = 20;

// Number words come from the parser's lexicon (one list for the whole service).
const COUNT = String.raw`(\d{1,2}|${[...CARDINALS.keys()]
  .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|')})`;

interface Phrase {
  pattern: RegExp;
  read: (match: RegExpExecArray) => DealerRequest;
}

const history =
  (period: HistoryPeriod) =>
  (m: RegExpExecArray): DealerRequest => {
    const said = m[1];
    const n =
      said === undefined
        ? DEFAULT_HISTORY_COUNT
        : /^\d+$/.test(said)
          ? Number(said)
          : (CARDINALS.get(said) ?? DEFAULT_HISTORY_COUNT);
    return { kind: 'history', period, count: Math.min(MAX_HISTORY_COUNT, Math.max(1, n)) };
  };
const fixed = (request: DealerRequest) => () => request;

/** Checked in this order; the first phrase found decides. */
const PHRASES: readonly Phrase[] = [
  // the portal
  {
    pattern:
      /\b(?:portal|log ?in|sign ?in|app|website)(?: (?:ka|ki|ke|for|the))? link\b|\bportal\b|पोर्टल(?: (?:का|की|के))?(?: लिंक)?/u,
    read: fixed({ kind: 'portal_link' }),
  },
  // reorder
  {
    pattern:
      /\bsame as (?:the )?(?:last|previous|before|pichla|pichhla)(?: (?:time|order|one|wala))?\b|\brepeat (?:my |the )?(?:last |previous )?order\b|\b(?:last|previous|pichla|pichhla|pichle) order (?:repeat|again|dobara|phir se|bhejo|bhej do|bhejiye)\b|\bsame order (?:again|repeat|bhejo|dobara)\b|\b(?:wahi|vahi|wohi) order\b|\border repeat\b|पिछला ऑर्डर(?: (?:दोबारा|फिर से|भेजो|भेज दो|भेजिए|रिपीट))?|वही ऑर्डर/u,
    read: fixed({ kind: 'reorder' }),
  },
  // credit limit
  {
    pattern:
      /\bcredit limit\b|\b(?:how much|kitna|kitni) (?:credit|limit)\b|\b(?:credit|limit) (?:kitna|kitni|kya)\b|\bavailable credit\b|क्रेडिट (?:लिमिट|सीमा)|लिमिट (?:कितनी|कितना)/u,
    read: fixed({ kind: 'credit_limit' }),
  },
  // history, by month first ("pichle mahine ke orders" is not "pichle N orders")
  {
    pattern:
      /\b(?:last|pichle|pichhle|previous) (?:month|mahine)(?: (?:ke|ka|ki|of))? orders?\b|\borders? (?:of |in |from )?(?:the )?last month\b|पिछले महीने(?: (?:के|का|की))? ऑर्डर/u,
    read: history('last_month'),
  },
  {
    pattern:
      /\b(?:this|is) (?:month|mahine)(?: (?:ke|ka|ki|of))? orders?\b|\borders? (?:of |in )?this month\b|इस महीने(?: (?:के|का|की))? ऑर्डर/u,
    read: history('this_month'),
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:last|latest|recent|pichle|pichhle|previous|aakhri|akhri) ${COUNT}? ?orders\b|\border (?:history|list)\b|\borders list\b|\b(?:all )?(?:my|mere|meri) orders\b|(?:पिछले|आखिरी) (\d{1,2} )?ऑर्डर`,
      'u',
    ),
    read: (m) => history('recent')([m[0], m[1] ?? m[2]?.trim()] as unknown as RegExpExecArray),
  },
];

/** Words that may stand around a request without changing it (greetings, please, send, tell…). */
const FRAMING = new Set(
  [
    // English
    'hi hello hey dear sir madam team please pls plz kindly thanks thank you ty ok okay',
    'send share show give tell me my the a an can could i get what is are of for to now again',
    'link',
    // Hinglish
    'ji bhai bhaiya namaste namaskar sahab saab bhejo bhej bhejiye bhejna do dijiye dena de',
    'batao bataiye bata dikhao dikhaiye mujhe mera meri mere ka ki ke kya hai h hain karo kar',
    'kardo zara jaldi kitna kitni kitne how much',
    // Devanagari
    'कितना कितनी जी भाई नमस्ते कृपया प्लीज भेजो भेजें भेजिए भेज दो दीजिए दें बताओ बताइए बताएं दिखाओ मुझे मेरा मेरी मेरे का की के क्या है हैं करो लिंक',
  ]
    .join(' ')
    .split(/\s+/),
);

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

export function readDealerRequest(text: string): DealerRequest | null {
  const clean = normalise(text);
  if (clean === '' || clean.length > 200) return null;
  for (const phrase of PHRASES) {
    const match = phrase.pattern.exec(clean);
    if (!match) continue;
    const rest = (clean.slice(0, match.index) + ' ' + clean.slice(match.index + match[0].length))
      .split(' ')
      .filter(Boolean);
    return rest.every((word) => FRAMING.has(word)) ? phrase.read(match) : null;
  }
  return null;
}
