/**
 * Money is bigint minor units (paise, cents); never a JS float. These helpers
 * are the only arithmetic and formatting the rules use.
 */

/** Minor units: 123450n is 1234.50. */
export type Minor = bigint;

/** `123450n` → `"1234.50"`, `-5n` → `"-0.05"`: the API's money format. */
export function formatMinor(minor: Minor): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** `12345650n` → `"1,23,456.50"`: Indian digit grouping (lakh, crore), `−` for negatives. */
export function formatIndian(minor: Minor): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const rupees = (abs / 100n).toString();
  const paise = (abs % 100n).toString().padStart(2, '0');
  const last3 = rupees.slice(-3);
  const rest = rupees.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${rest === '' ? last3 : `${rest},${last3}`}.${paise}`;
}

/** `"1234.5"` → 123450n; null for anything that is not a plain decimal with ≤ 2 places. */
export function parseMinor(text: string): Minor | null {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -minor : minor;
}

/** Unit price × whole quantity. */
export function multiplyMinor(unit: Minor, qty: number): Minor {
  if (!Number.isSafeInteger(qty)) throw new RangeError(`quantity must be a whole number: ${qty}`);
  return unit * BigInt(qty);
}

export function sumMinor(amounts: Iterable<Minor>): Minor {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}

export function maxMinor(a: Minor, b: Minor): Minor {
  return a > b ? a : b;
}
