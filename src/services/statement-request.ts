/**
 * Whether a balance question asks for the account's entries too ("send
 * statement", "ledger bhejo", "khata", "hisaab"): then the reply adds the
 * latest entries to the balance. A plain "balance?" gets the balance and
 * the unpaid invoices only, which is short enough to read on a phone.
 */
const STATEMENT_WORDS = [
  'statement',
  'ledger',
  'soa',
  'khata',
  'khaata',
  'hisab',
  'hisaab',
  'खाता',
  'हिसाब',
  'स्टेटमेंट',
  'लेजर',
] as const;

const STATEMENT = new RegExp(
  `(?:^|[^\\p{L}])(?:${STATEMENT_WORDS.join('|')})(?:$|[^\\p{L}])`,
  'iu',
);

export function asksForStatement(text: string): boolean {
  return STATEMENT.test(text);
}
