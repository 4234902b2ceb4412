import { describe, expect, it } from 'vitest';
import { asksForStatement } from '../../../src/services/statement-request.js';

describe('asksForStatement', () => {
  it.each([
    'send statement pls',
    'ledger bhejo',
    'khata bhej do',
    'hisaab batao',
    'मेरा खाता भेजो',
    'SOA?',
  ])('hears a statement request in %j', (text) => expect(asksForStatement(text)).toBe(true));
  it.each(['balance?', 'kitna baki hai', 'ledgers', 'understatement'])('does not in %j', (text) =>
    expect(asksForStatement(text)).toBe(false),
  );
});
