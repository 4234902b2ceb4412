/**
 * The export webhook's signature (docs/accounting.md): `sha256=<hex HMAC-SHA256 of the raw
 * body with the target's secret>` in `X-OrderDesk-Signature`. A receiver recomputes it over
 * the bytes it got and compares in constant time (`verifyExportSignature`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signExportBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function verifyExportSignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signExportBody(secret, rawBody));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
