/**
 * Finds a unit price a dealer asks for in the text of an order line or
 * message: "@95", "@ 95.50", "rate 95 as discussed", "price 95/-",
 * "last time you gave 92", "₹95", "rs. 95 each". Pure and small on purpose:
 * the parser already refuses to read these numbers as quantities.
 */
import type { Minor } from '../money.js';

export interface PriceRequest {
  priceMinor: Minor;
  /** The words the price was read from. */
  phrase: string;
}

const AMOUNT = String.raw`(?:rs\.?|inr|₹)?\s*(\d{1,7}(?:\.\d{1,2})?)`;
const PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`@\s*${AMOUNT}`, 'iu'),
  new RegExp(
    String.raw`\b(?:rate|price|rs\.?\s*rate|net rate)\s*(?:of|is|:|=|-)?\s*${AMOUNT}`,
    'iu',
  ),
  new RegExp(
    String.raw`\b(?:gave|given|give|giving|charged)\s+(?:me|us)?\s*(?:at|@|for)?\s*${AMOUNT}`,
    'iu',
  ),
  new RegExp(String.raw`(?:₹|\brs\.?|\binr)\s*(\d{1,7}(?:\.\d{1,2})?)`, 'iu'),
];

/** The first price asked for in `text`, or null. A price of 0 is not a request. */
export function detectPriceRequest(text: string): PriceRequest | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    const amount = match?.[1];
    if (match === null || amount === undefined) continue;
    const [whole = '0', fraction = ''] = amount.split('.');
    const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
    if (minor === 0n) continue;
    return { priceMinor: minor, phrase: match[0].trim() };
  }
  return null;
}

/**
 * The asked price of each draft line: from the line's own text, else — for
 * a one-line order — from anywhere in the message ("last time you gave 92"
 * on its own line).
 */
export function detectLinePrices(
  lines: readonly { sourceText: string | null }[],
  messageText: string | null,
): (PriceRequest | null)[] {
  const own = lines.map((l) => (l.sourceText === null ? null : detectPriceRequest(l.sourceText)));
  if (lines.length === 1 && own[0] === null && messageText !== null) {
    return [detectPriceRequest(messageText)];
  }
  return own;
}
