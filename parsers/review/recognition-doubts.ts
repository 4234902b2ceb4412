/**
 * Text read from a photo by OCR: the draft may go straight through only when the review policy
 * signs it off AND every word it accounted for was recognised with a high confidence. A word the
 * OCR engine was unsure of becomes a reader's doubt, so the decision stays the policy's
 * (`withDoubts`), and a reviewer sees which words to check against the photo.
 *
 * Pure: the channel hands in the unsure words as recognised; nothing here knows an OCR engine.
 */
import { normalizeText, tokenize } from '../text/tokenize.js';
import type { ParseResult, ReviewReason } from '../types.js';
import { withDoubts } from './review-policy.js';
import type { TokenRole } from './trace.js';

/** Roles that carry no meaning of their own: an unsure bullet or comma changes nothing. */
const NEUTRAL_ROLES = new Set<TokenRole>(['punctuation', 'list_marker']);

/** The draft with a doubt for the unsure OCR words among the words the policy accounted for. */
export function withRecognitionConfidence(
  parse: ParseResult,
  unsureWords: readonly string[],
): ParseResult {
  const doubts = recognitionDoubts(parse, unsureWords);
  if (doubts.length === 0) return parse;
  const review = withDoubts(parse.review, doubts);
  return {
    ...parse,
    confidence: review.confidence,
    needs_review: review.needsReview,
    reasons: [...parse.reasons, ...doubts],
    review,
  };
}

export function recognitionDoubts(
  parse: ParseResult,
  unsureWords: readonly string[],
): ReviewReason[] {
  const unsure = new Map<string, string>();
  for (const word of unsureWords) {
    for (const token of tokenize(normalizeText(word))) {
      if (token.kind !== 'symbol' && !unsure.has(token.norm)) unsure.set(token.norm, word);
    }
  }
  if (unsure.size === 0) return [];
  // Without the policy's accounting (it refused early), every unsure word is named: the draft
  // goes to a person anyway, and the words tell them where to look.
  const hits = parse.review.accounted
    ? parse.review.tokens.flatMap((t) => {
        if (NEUTRAL_ROLES.has(t.role)) return [];
        const norm = tokenize(normalizeText(t.text))[0]?.norm;
        const word = norm === undefined ? undefined : unsure.get(norm);
        return word === undefined ? [] : [word];
      })
    : [...unsure.values()];
  const words = [...new Set(hits)];
  if (words.length === 0) return [];
  return [
    {
      code: 'low_ocr_confidence',
      message: `Read from a photo, and the OCR was unsure of ${words.length === 1 ? 'the word' : 'the words'} “${words.slice(0, 12).join('”, “')}”${words.length > 12 ? ` and ${words.length - 12} more` : ''}: check them against the photo.`,
      source: words.join(' '),
    },
  ];
}
