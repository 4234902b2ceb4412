import { describe, expect, it } from 'vitest';
import { sanitizeInboundText, truncateUtf8 } from '../../../src/domain/inbound-text.js';
import { isAffirmative, isNegative, readChoice } from '../../../src/domain/dealer-reply.js';

describe('inbound text', () => {
  it.each<[string, string | Uint8Array, string[]]>([
    ['plain', '2 box mcb', []],
    ['empty', ' \n\t', ['empty']],
    ['NUL', 'a\u0000b', ['nul_replaced']],
    ['lone surrogate', 'ab\uD800c', ['invalid_utf8']],
    ['bad bytes', Uint8Array.from([0x32, 0x20, 0xff, 0x62]), ['invalid_utf8']],
    ['binary', Uint8Array.from({ length: 200 }, (_, i) => i % 32), ['nul_replaced', 'binary']],
  ])('%s → flags %j', (_name, input, flags) => {
    expect(sanitizeInboundText(input).flags).toEqual(flags);
  });

  it('cuts long text at a character boundary under the cap', () => {
    const s = sanitizeInboundText('आ'.repeat(100), 50); // 3 bytes each
    expect(s.flags).toEqual(['truncated']);
    expect(s.originalBytes).toBe(300);
    expect(s.text).toBe('आ'.repeat(16));
    expect(truncateUtf8('abc', 10)).toBe('abc');
  });
});

describe("a dealer's short answers", () => {
  it.each(['YES', 'yes', 'Ok', 'haan', 'हाँ', 'haan ji', '👍', 'confirm.'])('%j is yes', (t) => {
    expect(isAffirmative(t)).toBe(true);
  });
  it.each(['no', 'nahi', 'नहीं'])('%j is no', (t) => {
    expect(isNegative(t)).toBe(true);
    expect(isAffirmative(t)).toBe(false);
  });
  it.each<[string, number, number | null]>([
    ['2', 3, 2],
    [' 1) ', 3, 1],
    ['option 3', 3, 3],
    ['4', 3, null],
    ['0', 3, null],
    ['2 box mcb', 3, null],
  ])('%j of %s choices → %s', (t, n, choice) => {
    expect(readChoice(t, n)).toBe(choice);
  });
});
