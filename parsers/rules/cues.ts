/**
 * Everyday words of ordering in English and Hindi (Latin and Devanagari): fillers that
 * never name a product, and cues for corrections, removals and doubt. Language, not catalog.
 */
import { transliterateWord } from '../text/transliterate.js';

const set = (words: string[]) => new Set(words.map((w) => transliterateWord(w.toLowerCase())));

export const STOP_WORDS = set([
  // English
  'a', 'an', 'the', 'of', 'and', 'or', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'is', 'are',
  'be', 'it', 'this', 'that', 'these', 'those', 'we', 'us', 'our', 'i', 'me', 'my', 'you', 'your', 'pls',
  'plz', 'please', 'kindly', 'send', 'snd', 'sent', 'need', 'needed', 'want', 'require', 'required', 'order',
  'orders', 'po', 'supply', 'dispatch', 'deliver', 'delivery', 'book', 'add', 'also', 'more', 'each', 'all',
  'only', 'urgent', 'urgently', 'today', 'tomorrow', 'asap', 'thanks', 'thank', 'hi', 'hello', 'dear', 'sir',
  'madam', 'team', 'ok', 'okay', 'yes', 'yeah', 'no', 'not', 'item', 'items', 'qty', 'quantity', 'nos', 'following',
  'below', 'above', 'list', 'same', 'then', 'instead', 'sorry', 'make', 'it', 'uh', 'um', 'umm', 'hmm', 'er',
  'so', 'and', 'just', 'well', 'let', 'know', 'rest', 'get', 'give', 'can', 'could', 'will', 'would', 'should',
  'have', 'has', 'had', 'do', 'does', 'did', 'done', 'correct', 'right', 'that', 's', 'x', 'its', 'also',
  'wala', 'wali', 'wale', 'vala', 'waala',
  // Hindi / Urdu in Latin script
  'bhai', 'bhaiya', 'bhaiyya', 'bhaisaab', 'bhaisahab', 'ji', 'jee', 'sahab', 'saab', 'aur', 'or', 'bhi', 'ka',
  'ki', 'ke', 'ko', 'se', 'me', 'mein', 'main', 'hai', 'hain', 'ho', 'hoga', 'tha', 'the', 'bhej', 'bhejo',
  'bhejna', 'bhejiye', 'bhejein', 'bhejen', 'bhijwa', 'bhijwao', 'dena', 'dijiye', 'dijie', 'de', 'dedo',
  'kar', 'karo', 'karna', 'kardo', 'kariye', 'karein', 'chahiye', 'chahie', 'jaldi', 'abhi', 'aaj', 'kal',
  'parson', 'maal', 'saman', 'samaan', 'likho', 'likh', 'lo', 'lijiye', 'haan', 'han', 'ha', 'theek', 'thik',
  'bas', 'itna', 'sab', 'ek', 'saath', 'wahi', 'yeh', 'ye', 'woh', 'wo', 'is', 'us', 'baar', 'liye', 'kripya',
  'daal', 'dal', 'dalo', 'rakh', 'rakho', 'namaste', 'namaskar', 'achha', 'acha', 'accha', 'matlab', 'toh', 'to',
  'pe', 'par', 'nahi', 'nahin', 'na', 'mat', 'phir', 'fir', 'aap', 'hum', 'humko', 'mujhe', 'mera', 'meri',
  'hamara', 'humara', 'tak', 'aa', 'jana', 'jaana', 'chahiye', 'dhanyawad', 'dhanyavaad', 'shukriya', 'sirf',
  'pehla', 'doosra', 'dusra', 'teesra', 'tisra', 'wala', 'boliye', 'bolo', 'order', 'note', 'kare', 'karen',
  // Devanagari
  'भेज', 'भेजो', 'भेजना', 'भेज देना', 'देना', 'दो', 'और', 'भी', 'का', 'की', 'के', 'को', 'से', 'में', 'है', 'हैं',
  'भाई', 'भैया', 'साहब', 'जी', 'कल', 'आज', 'लिए', 'माल', 'सामान', 'कृपया', 'निम्नलिखित', 'भेजें', 'नमस्ते',
  'धन्यवाद', 'लिख', 'लो', 'हाँ', 'हां', 'बस', 'कुछ', 'और', 'ग्राहक', 'एजेंट',
]);

/** Words that say a number or line before them was wrong. */
export const CORRECTION_CUES = set([
  'sorry', 'no', 'nahi', 'nahin', 'not', 'correction', 'correct', 'instead', 'actually', 'make', 'change',
  'galat', 'badal', 'galti', 'नहीं', 'ps', 'meant',
]);

/** Phrases that take a product out of the order ("rehne do kurkure"). */
export const REMOVAL_PHRASES = [
  /\brehne do\b/, /\brahne do\b/, /\bhata do\b/, /\bhatao\b/, /\bmat bhej/, /\bdon'?t send\b/, /\bdo not send\b/,
  /\bremove\b/, /\bnot needed\b/, /\bno need\b/, /\bskip\b/, /\bdrop\b/, /\bcancel\b/,
];

/** Verbs after which "do" means "give", not "two". */
export const VERBS_BEFORE_DO = set([
  'bhej', 'kar', 'de', 'rakh', 'daal', 'dal', 'likh', 'bata', 'chhod', 'hata', 'bana', 'badha', 'bhijwa',
  'rehne', 'rahne', 'dekh', 'bol', 'le', 'nikal', 'pahuncha', 'bhejwa', 'dikha', 'check', 'kardo',
]);

/** Doubt between numbers: "3 ya 4", "2-3 peti", "3 or 4". */
export const ALTERNATIVE_WORDS = set(['ya', 'or', 'either', 'ya phir', 'या']);
