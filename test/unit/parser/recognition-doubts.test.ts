/** The OCR confidence gate: an unsure word the draft relies on keeps it for a person; others do not. */
import { describe, expect, it } from 'vitest';
import { withRecognitionConfidence } from '../../../parsers/index.js';
import type { ParseResult } from '../../../parsers/index.js';

const through: ParseResult = {
  intent: 'order',
  orders: [{ dealer: 'D1', lines: [{ sku: 'A', qty: 2, source: '2 box Alpha' }] }],
  confidence: 0.9,
  needs_review: false,
  reasons: [],
  review: {
    needsReview: false,
    confidence: 0.9,
    refusals: [],
    accounted: true,
    tokens: [
      { text: '2', role: 'quantity', line: 0, order_line: 0 },
      { text: 'box', role: 'unit', line: 0, order_line: 0 },
      { text: 'Alpha', role: 'product', line: 0, order_line: 0 },
      { text: '.', role: 'punctuation', line: 0 },
    ],
  },
};

describe('withRecognitionConfidence', () => {
  it('keeps a draft that goes through when no word was unsure', () => {
    expect(withRecognitionConfidence(through, [])).toBe(through);
  });

  it('ignores unsure words the draft does not use (a speck read as punctuation)', () => {
    expect(withRecognitionConfidence(through, ['.', 'zzz'])).toEqual(through);
  });

  it('sends the draft to review when a word it accounted for was unsure', () => {
    const result = withRecognitionConfidence(through, ['ALPHA', 'zzz']);
    expect(result.needs_review).toBe(true);
    expect(result.reasons).toEqual([
      expect.objectContaining({ code: 'low_ocr_confidence', source: 'ALPHA' }),
    ]);
    expect(result.review.refusals).toEqual([
      expect.objectContaining({ code: 'reader_doubt', detail: 'low_ocr_confidence' }),
    ]);
    expect(result.confidence).toBeLessThan(0.7);
  });
});
