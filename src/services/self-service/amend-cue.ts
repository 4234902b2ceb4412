/**
 * "add 2 more box X to my last order", "last order mein 3 Y aur add karo",
 * "order #123 mein 5 Z bhi": the message points at an earlier order. The cue
 * (which order) and the adding words ("add", "more", "aur", "bhi") are taken
 * out; what is left must read on its own as a plain order the review policy
 * would send straight through — only then is the earlier order changed.
 * Pure.
 */

export interface AmendCue {
  /** The message without the cue and the adding words: the lines to add. */
  rest: string;
  /** "#123" named; null: the dealer's latest order. */
  orderNo: bigint | null;
}

/** Which order: each pattern may capture an order number. */
const TARGETS: readonly RegExp[] = [
  /\b(?:to|in|into|with)\s+(?:my|the|our)\s+(?:last|previous|earlier|latest|same)\s+order\b/iu,
  /\b(?:to|in|into)\s+(?:the\s+)?same\s+order\b/iu,
  /\b(?:to|in|into)\s+(?:my\s+|the\s+)?order\s*(?:no\.?\s*|number\s*)?#\s*(\d{1,12})\b/iu,
  /\b(?:last|pichle|pichhle|previous|usi|same|wahi)\s+order\s+(?:mein|me|main|mai)\b/iu,
  /\border\s*(?:no\.?\s*)?#\s*(\d{1,12})\s+(?:mein|me|main|mai)\b/iu,
  /(?:पिछले|उसी)\s+ऑर्डर\s+में/u,
];

/** Words that only say "add": they go with the cue. */
const ADDING =
  /(?:^|\s)(?:please|pls|plz|kindly|add|added|adding|also|more|extra|aur|bhi|jod|jodo|do|dena|karo|kar|kardo|और|भी|जोड़|दो|दें|करो|ऐड)(?=\s|$|[.,!?])/giu;

export function readAmendCue(text: string): AmendCue | null {
  for (const pattern of TARGETS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const without = text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length);
    // Twice: "add kar do" leaves "kar do" after the first pass only at word boundaries.
    const rest = without.replace(ADDING, ' ').replace(ADDING, ' ').replace(/\s+/g, ' ').trim();
    if (rest === '') return null;
    return { rest, orderNo: match[1] === undefined ? null : BigInt(match[1]) };
  }
  return null;
}
