/**
 * Phone numbers in master data are typed by people ("98123 45678",
 * "+91-98123-45678", "09812345678"); the rest of the system compares them
 * as E.164 strings, so they are normalised once, here.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

export type { CountryCode };

/** The region assumed for numbers written without a country code. */
export const DEFAULT_PHONE_REGION: CountryCode = 'IN';

export type NormalizePhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/** Checks an ISO 3166 region code such as `IN`; case-insensitive. */
export function toPhoneRegion(region: string): CountryCode | null {
  const upper = region.trim().toUpperCase();
  return isSupportedCountry(upper) ? upper : null;
}

/** `"98123 45678"` with region `IN` → `"+919812345678"`. */
export function normalizePhone(text: string, region: CountryCode): NormalizePhoneResult {
  const trimmed = text.trim();
  // Letters would be read as an extension or dropped; a master file should not hold either.
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) {
    return {
      ok: false,
      reason: `"${trimmed}" is not a phone number (only digits, spaces, + ( ) - .)`,
    };
  }
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (!parsed || !parsed.isValid()) {
    const how = trimmed.startsWith('+') ? '' : ` (read as a number in region ${region})`;
    return { ok: false, reason: `"${trimmed}" is not a valid phone number${how}` };
  }
  return { ok: true, e164: parsed.number };
}
