/**
 * Reading a dealer's short answers to a pending question: a numbered choice
 * ("2", "option 2", "2)"), yes ("YES", "haan", "ok", "हाँ") or no.
 */

const YES = new Set([
  'yes',
  'y',
  'yes please',
  'yess',
  'yup',
  'yeah',
  'ok',
  'okay',
  'k',
  'confirm',
  'confirmed',
  'haan',
  'han',
  'ha',
  'haa',
  'haanji',
  'haan ji',
  'ji',
  'ji haan',
  'theek hai',
  'thik hai',
  'done',
  'sure',
  'go ahead',
  'हाँ',
  'हां',
  'हा',
  'जी',
  'जी हाँ',
  'ठीक है',
  'ओके',
]);
const NO = new Set([
  'no',
  'n',
  'nope',
  'nahi',
  'nahin',
  'na',
  'mat karo',
  'dont',
  "don't",
  'no thanks',
  'नहीं',
  'नही',
  'ना',
]);

function normalize(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.!,?।🙏👍\s]+/gu, ' ')
    .trim();
}

export function isAffirmative(text: string): boolean {
  return YES.has(normalize(text)) || /^👍+$/u.test(text.trim());
}

export function isNegative(text: string): boolean {
  return NO.has(normalize(text));
}

/** The 1-based choice a short answer picks among `count` options, or null. */
export function readChoice(text: string, count: number): number | null {
  const match = /^(?:option|no\.?|number|#)?\s*(\d{1,2})\s*[).]?$/i.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= count ? n : null;
}
