/**
 * A message that changes an earlier order instead of placing a new one:
 *
 * - add: "add 2 more box X to my last order", "last order mein 3 Y aur add
 *   karo", "order #123 mein 5 Z bhi". The words pointing at the order and
 *   the adding words are taken out; what is left must read on its own as a
 *   plain order the review policy would send straight through.
 * - remove: "remove X from my last order", "last order se X hata do".
 * - set: "make X 10 in my last order", "last order mein X 10 kar do", "make
 *   it 10 in my last order" (an order of one line).
 *
 * For remove and set, `words` must single out one line of that order by its
 * product's own words (the caller checks). Pure.
 */

export type AmendCue =
  | { kind: 'add'; rest: string; orderNo: bigint | null }
  | { kind: 'remove'; words: string[]; orderNo: bigint | null }
  | { kind: 'set'; words: string[]; qty: number; orderNo: bigint | null };

/** "to/in my last order": each pattern may capture an order number. */
const INTO: readonly RegExp[] = [
  /\b(?:to|in|into|with)\s+(?:my|the|our)\s+(?:last|previous|earlier|latest|same)\s+order\b/iu,
  /\b(?:to|in|into)\s+(?:the\s+)?same\s+order\b/iu,
  /\b(?:to|in|into)\s+(?:my\s+|the\s+)?order\s*(?:no\.?\s*|number\s*)?#\s*(\d{1,12})\b/iu,
  /\b(?:last|pichle|pichhle|previous|usi|same|wahi)\s+order\s+(?:mein|me|main|mai)\b/iu,
  /\border\s*(?:no\.?\s*)?#\s*(\d{1,12})\s+(?:mein|me|main|mai)\b/iu,
  /(?:पिछले|उसी)\s+ऑर्डर\s+में/u,
];

/** "from my last order". */
const FROM: readonly RegExp[] = [
  /\bfrom\s+(?:my\s+|the\s+|our\s+)?(?:last|previous|earlier|latest|same)\s+order\b/iu,
  /\bfrom\s+(?:my\s+|the\s+)?order\s*(?:no\.?\s*|number\s*)?#\s*(\d{1,12})\b/iu,
  /\b(?:last|pichle|pichhle|previous|usi|same|wahi)\s+order\s+se\b/iu,
  /\border\s*(?:no\.?\s*)?#\s*(\d{1,12})\s+se\b/iu,
  /(?:पिछले|उसी)\s+ऑर्डर\s+से/u,
];

const word = (list: string) => new RegExp(`(?:^|\\s)(?:${list})(?=\\s|$|[.,!?])`, 'giu');
/** Words that only say "add". */
const ADDING = word(
  'please|pls|plz|kindly|add|added|adding|also|more|extra|aur|bhi|jod|jodo|do|dena|karo|kar|kardo|और|भी|जोड़|दो|दें|करो|ऐड',
);
const ADD_SIGN = word('add|added|adding|also|more|extra|aur|bhi|jod|jodo|और|भी|जोड़|ऐड');
const REMOVING = word(
  'please|pls|plz|kindly|remove|delete|cancel|hata|hatao|hatado|nikal|nikalo|nikaal|do|dena|karo|kar|kardo|हटा|हटाओ|निकाल|दो|दें|करो',
);
const REMOVE_SIGN = word(
  'remove|delete|cancel|hata|hatao|hatado|nikal|nikalo|nikaal|हटा|हटाओ|निकाल',
);
const SETTING = word(
  'please|pls|plz|kindly|make|change|update|set|it|to|qty|quantity|ki|ka|ko|do|dena|karo|kar|kardo|करो|कर|दो|दें|की',
);
const SET_SIGN = word('make|change|update|set|karo|kar|kardo|करो|कर');

function strip(text: string, ...words: RegExp[]): string {
  let out = text;
  // Twice: adjacent words share the space between them.
  for (const w of words) out = out.replace(w, ' ').replace(w, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

function found(
  text: string,
  patterns: readonly RegExp[],
): { without: string; orderNo: bigint | null } | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    return {
      without: text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length),
      orderNo: match[1] === undefined ? null : BigInt(match[1]),
    };
  }
  return null;
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}.]+/u)
    .filter(Boolean);

export function readAmendCue(text: string): AmendCue | null {
  const from = found(text, FROM);
  if (from !== null) {
    if (!REMOVE_SIGN.test(from.without)) return null;
    REMOVE_SIGN.lastIndex = 0;
    const words = wordsOf(strip(from.without, REMOVING));
    return words.length === 0 ? null : { kind: 'remove', words, orderNo: from.orderNo };
  }
  const into = found(text, INTO);
  if (into === null) return null;
  const adding = ADD_SIGN.test(into.without);
  ADD_SIGN.lastIndex = 0;
  const setting = SET_SIGN.test(into.without);
  SET_SIGN.lastIndex = 0;
  if (setting && !adding) {
    const words = wordsOf(strip(into.without, SETTING));
    const numbers = words.filter((w) => /^\d{1,6}$/.test(w));
    if (numbers.length !== 1) return null;
    const qty = Number(numbers[0]);
    if (qty <= 0) return null;
    return {
      kind: 'set',
      words: words.filter((w) => w !== numbers[0]),
      qty,
      orderNo: into.orderNo,
    };
  }
  const rest = strip(into.without, ADDING);
  return rest === '' ? null : { kind: 'add', rest, orderNo: into.orderNo };
}
