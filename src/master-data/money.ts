/**
 * Money in master data is a plain decimal with at most two places. It is
 * read as text straight into integer minor units (paise, cents): a float
 * never sees it, so "0.29" is 29n, not 28.999…
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

export type ParseMoneyResult = { ok: true; minor: bigint } | { ok: false; reason: string };

export interface ParseMoneyOptions {
  /** Accept a leading minus (a balance in the dealer's favour). Default `false`. */
  allowNegative?: boolean;
}

/** `"1234.5"` → `123450n`, `"0.05"` → `5n`, `"12"` → `1200n`. */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (!match) return { ok: false, reason: explainBadMoney(trimmed) };
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (sign === '-' && !options.allowNegative) {
    return { ok: false, reason: 'must not be negative' };
  }
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return { ok: true, minor: sign === '-' ? -minor : minor };
}

function explainBadMoney(text: string): string {
  if (text === '') return 'is empty';
  if (/^-?\d+\.\d{3,}$/.test(text)) return 'has more than 2 decimal places';
  if (/^-?[\d,]+(\.\d+)?$/.test(text)) {
    return 'has a thousands separator; write a plain decimal such as 1234.50';
  }
  return 'is not a decimal amount (write it like 1234.50, without currency signs)';
}

export { formatMinor } from '../domain/money.js';
