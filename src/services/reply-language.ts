/**
 * Which language a reply is in: the dealer's own setting when it is not
 * the default English; otherwise the language the dealer last wrote in. A
 * message mostly in Devanagari is answered in Hindi; one mostly in Latin
 * letters is answered in Hinglish (`hi-Latn`, Hindi in Latin letters) when
 * it is mostly Hindi words — at least 2 of the marker words below, making up
 * at least a quarter of its Latin words ("mera order kab aayega") — and in
 * English otherwise ("please send 5 cases of salt"). Kept on the
 * conversation, so replies written later (a confirmation, a dispatch notice)
 * follow it too; a message with too few letters keeps the last one.
 */
import { templatesFor, type ReplyTemplates } from '../../templates/index.js';
import type { Executor } from '../db/transaction.js';

const DEVANAGARI = /\p{Script=Devanagari}/gu;
const LATIN = /\p{Script=Latin}/gu;
/** A word with at least one Latin letter ("salt", "20L", "9w"). */
const LATIN_WORD = /[\p{Script=Latin}\d]*\p{Script=Latin}[\p{Script=Latin}\d]*/gu;

/**
 * Hindi written in Latin letters: common function words and verbs, never
 * product or trade words. A two-word entry counts as one marker. English "do"
 * is only a marker after a Hindi verb ("bhej do"), so it is not listed alone;
 * words that are also everyday English ("the", "main", "to", "hi", "us") are
 * left out, and "me" alone never makes a message Hinglish (two markers needed).
 */
// prettier-ignore
const HINDI_MARKERS: readonly string[] = [
  // to be, tense and helper verbs
  'hai', 'hain', 'tha', 'thi', 'ho', 'hoga', 'hogi', 'hoge', 'hua', 'hui', 'raha', 'rahi', 'rahe',
  'gaya', 'gayi', 'gaye', 'sakta', 'sakte', 'chahiye',
  // postpositions and conjunctions
  'ka', 'ki', 'ke', 'ko', 'se', 'mein', 'me', 'mai', 'par', 'tak', 'liye', 'aur', 'bhi', 'ya',
  'nahi', 'nahin', 'nhi', 'wala', 'wali', 'wale', 'kyunki', 'lekin', 'toh',
  // questions
  'kya', 'kab', 'kahan', 'kaise', 'kaisa', 'kyun', 'kyon', 'kaun', 'kitna', 'kitni', 'kitne',
  // pronouns
  'mera', 'meri', 'mere', 'mujhe', 'hum', 'hame', 'humein', 'hamara', 'hamari', 'hamare',
  'aap', 'aapka', 'aapki', 'aapke', 'apna', 'apni', 'apne', 'yeh', 'ye', 'woh', 'wo', 'koi',
  'kuch', 'sab', 'sabhi',
  // verbs ("do" only after a verb: English "do you have" is no marker)
  'bhej', 'bhejo', 'bhejna', 'bhejiye', 'bhejdo', 'bhej do', 'bhijwa do', 'karo', 'kar',
  'kardo', 'kar do', 'karna', 'kariye', 'karein', 'karke', 'dena', 'de do', 'dedo', 'dijiye',
  'diya', 'batao', 'bata do', 'bataiye', 'batana', 'dikhao', 'dikha do', 'lagao', 'laga do',
  'lena', 'le lo', 'aayega', 'ayega', 'aayegi', 'aaya', 'aayi', 'milega', 'mila', 'mili',
  // address, time, yes/no and courtesy
  'ji', 'bhai', 'bhaiya', 'bhaisahab', 'jaldi', 'abhi', 'kal', 'aaj', 'pichle', 'pichla',
  'agle', 'wapas', 'phir', 'haan', 'theek', 'thik', 'accha', 'acha', 'bas', 'bahut',
  'namaste', 'shukriya', 'dhanyavaad',
];
const MARKER_WORDS = new Set(HINDI_MARKERS.filter((m) => !m.includes(' ')));
const MARKER_PAIRS = new Set(HINDI_MARKERS.filter((m) => m.includes(' ')));

/** Hinglish: at least this many markers ... */
const MIN_MARKERS = 2;
/** ... covering at least this share of the Latin words. */
const MIN_MARKER_SHARE = 0.25;

/** Whether Latin-letter text is mostly Hindi words. */
function isHinglish(text: string): boolean {
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  let markers = 0;
  let markerWords = 0;
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && MARKER_PAIRS.has(`${words[i]} ${words[i + 1]}`)) {
      markers += 1;
      markerWords += 2;
      i += 1;
    } else if (MARKER_WORDS.has(words[i]!)) {
      markers += 1;
      markerWords += 1;
    }
  }
  return markers >= MIN_MARKERS && markerWords >= MIN_MARKER_SHARE * words.length;
}

/**
 * The language a message says: `hi` (Devanagari), `hi-Latn` (Hindi in Latin
 * letters) or `en`; null when it has too few letters to tell.
 */
export function languageOfScript(text: string): 'hi' | 'hi-Latn' | 'en' | null {
  const deva = text.match(DEVANAGARI)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (deva + latin < 3) return null;
  if (deva >= latin) return 'hi';
  return isHinglish(text) ? 'hi-Latn' : 'en';
}

/** The dealer's setting wins unless it is the default `en`; then the conversation's. */
export function replyLanguage(
  dealerLanguage: string | null | undefined,
  conversationLanguage: string | null | undefined,
): string {
  if (dealerLanguage && dealerLanguage !== 'en') return dealerLanguage;
  return conversationLanguage ?? dealerLanguage ?? 'en';
}

/** Templates for a reply in a conversation (null: none known). */
export async function templatesForReply(
  db: Executor,
  dealerLanguage: string | null | undefined,
  conversationId: string | null,
): Promise<ReplyTemplates> {
  const conversation =
    conversationId === null
      ? undefined
      : await db
          .selectFrom('conversations')
          .select('language')
          .where('id', '=', conversationId)
          .executeTakeFirst();
  return templatesFor(replyLanguage(dealerLanguage, conversation?.language));
}
