import { describe, expect, it } from 'vitest';
import type { ProductMatch, ProductQuery } from '../../../parsers/match/match-product.js';
import { MentionMemo, queryHash } from '../../../parsers/match/mention-memo.js';
import { tokenize } from '../../../parsers/text/tokenize.js';

const query = (text: string, extra: Partial<ProductQuery> = {}): ProductQuery => ({
  words: tokenize(text).filter((t) => t.kind === 'word'),
  attributes: [{ kind: 'weight', value: 70, display: 70, tokens: [] }],
  bareNumbers: [],
  hasOtherQuantity: true,
  ...extra,
});
const reading = { status: 'none' } as ProductMatch;

describe('MentionMemo', () => {
  it('finds a reading again for the same mention, however it was built', () => {
    const memo = new MentionMemo(10);
    memo.set(queryHash(query('maggi noodles')), query('maggi noodles'), reading);
    expect(memo.get(queryHash(query('maggi noodles')), query('maggi noodles'))).toBe(reading);
  });

  it('never takes one mention for another that happens to hash alike', () => {
    const memo = new MentionMemo(10);
    memo.set(7, query('maggi noodles'), reading);
    expect(memo.get(7, query('maggi pasta'))).toBeUndefined();
    expect(memo.get(7, query('maggi  noodles'))).toBeUndefined(); // the second word stands elsewhere
    expect(memo.get(7, query('maggi noodles', { bareNumbers: [10] }))).toBeUndefined();
    expect(memo.get(7, query('maggi noodles', { sizeWord: 'small' }))).toBeUndefined();
    expect(memo.get(7, query('maggi noodles', { hasOtherQuantity: false }))).toBeUndefined();
    expect(
      memo.get(
        7,
        query('maggi noodles', {
          attributes: [{ kind: 'weight', value: 140, display: 140, tokens: [] }],
        }),
      ),
    ).toBeUndefined();
  });

  it('hashes what the reading depends on', () => {
    expect(queryHash(query('maggi noodles'))).not.toBe(queryHash(query('maggi pasta')));
    expect(queryHash(query('maggi noodles', { variantNumbers: [10] }))).not.toBe(
      queryHash(query('maggi noodles')),
    );
  });
});
