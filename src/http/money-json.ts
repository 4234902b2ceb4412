/**
 * Money in JSON: a string with exactly two decimals ("1234.50"), from
 * integer minor units, never through a float (docs/http-api.md).
 */
import { formatMinor } from '../domain/money.js';

export function moneyJson(minor: bigint): string {
  return formatMinor(minor);
}

export function nullableMoneyJson(minor: bigint | null): string | null {
  return minor === null ? null : formatMinor(minor);
}
