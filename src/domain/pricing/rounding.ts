/**
 * Rounding of money in pricing. The stated rule (README "Pricing"):
 *
 * - A percentage of an amount is rounded half up to the minor unit
 *   (`percentOfMinor(1005n, 1000)` = 101n: 100.5 paise → 101).
 * - Per-unit steps (slab %, scheme %) round the UNIT price; the line amount
 *   is unit × qty, so unit price × qty always equals the line amount before
 *   order-level discounts.
 * - A flat or order-level discount is split over its lines in proportion to
 *   their amounts (largest remainder), so the shares add up exactly.
 * - Tax is computed per line on the line's net amount, rounded half up.
 */
import type { Minor } from '../money.js';

/** `amount × bp / 10 000`, rounded half up; amount must be ≥ 0. */
export function percentOfMinor(amount: Minor, bp: number): Minor {
  if (amount < 0n) throw new RangeError('percentOfMinor: negative amount');
  return (amount * BigInt(bp) + 5_000n) / 10_000n;
}

/** The price left after taking `bp` basis points off, never below zero. */
export function discountedMinor(amount: Minor, bp: number): Minor {
  const off = percentOfMinor(amount, Math.min(Math.max(bp, 0), 10_000));
  return amount - off;
}

/**
 * Splits `total` over `weights` in proportion (largest remainder, ties to the
 * earlier index). `total` is capped at the sum of the weights, so no share
 * exceeds its weight and nothing goes negative.
 */
export function allocateMinor(total: Minor, weights: readonly Minor[]): Minor[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || total <= 0n) return weights.map(() => 0n);
  const capped = total > sum ? sum : total;
  const shares = weights.map((w) => (capped * w) / sum);
  let left = capped - shares.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rem: (capped * w) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    if (shares[i]! < weights[i]!) {
      shares[i] = shares[i]! + 1n;
      left -= 1n;
    }
  }
  return shares;
}

/** `12345n` → `"123.45"` (non-negative amounts; explanations and replies). */
export function moneyText(minor: Minor): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
