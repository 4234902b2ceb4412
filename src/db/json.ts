/**
 * JSON text for a jsonb column. pg sends a JS array as a PG array literal and
 * JSON.stringify throws on bigint, so jsonb values go through here: bigints
 * become decimal strings (money stays exact).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
