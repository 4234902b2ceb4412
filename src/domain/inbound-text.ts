/**
 * What ingestion does to a message's text before storing it: nothing is
 * refused, everything is kept as losslessly as PostgreSQL allows, and each
 * change is flagged so a person can see why a message looks odd.
 *
 * - bytes that are not UTF-8 are decoded with U+FFFD in their place (`invalid_utf8`);
 * - NUL, which PostgreSQL text cannot hold, becomes U+FFFD (`nul_replaced`);
 * - text over `MAX_STORED_TEXT_BYTES` is cut at a character boundary (`truncated`);
 * - mostly control characters / replacement characters: `binary`;
 * - nothing but whitespace: `empty`.
 */

/** Stored text is capped at 64 KiB of UTF-8; an order never needs more. */
export const MAX_STORED_TEXT_BYTES = 64 * 1024;

export type InboundTextFlag = 'empty' | 'truncated' | 'invalid_utf8' | 'nul_replaced' | 'binary';

export interface SanitizedText {
  text: string;
  flags: InboundTextFlag[];
  /** Size as delivered, in bytes of UTF-8 (or raw bytes when given bytes). */
  originalBytes: number;
}

const encoder = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitizeInboundText(
  input: string | Uint8Array,
  maxBytes: number = MAX_STORED_TEXT_BYTES,
): SanitizedText {
  const flags = new Set<InboundTextFlag>();
  let text: string;
  let originalBytes: number;
  if (typeof input === 'string') {
    // A lone surrogate has no UTF-8 form: U+FFFD takes its place.
    text = input.replace(LONE_SURROGATE, '\uFFFD');
    if (text !== input) flags.add('invalid_utf8');
    originalBytes = Buffer.byteLength(text, 'utf8');
  } else {
    originalBytes = input.byteLength;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      text = new TextDecoder('utf-8').decode(input);
      flags.add('invalid_utf8');
    }
  }
  if (text.includes('\u0000')) {
    text = text.replaceAll('\u0000', '\uFFFD');
    flags.add('nul_replaced');
  }
  if (originalBytes > maxBytes) {
    text = truncateUtf8(text, maxBytes);
    flags.add('truncated');
  }
  if (text.trim() === '') flags.add('empty');
  else if (looksBinary(text)) flags.add('binary');
  return { text, flags: [...flags], originalBytes };
}

/** The longest prefix of `text` whose UTF-8 is at most `maxBytes`, cut between characters. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.byteLength <= maxBytes) return text;
  let end = maxBytes;
  // step back over continuation bytes (10xxxxxx) so no character is split
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/** Over 10% (and at least 4) control or replacement characters: not something a person typed. */
function looksBinary(text: string): boolean {
  let odd = 0;
  let total = 0;
  for (const ch of text) {
    total += 1;
    const code = ch.codePointAt(0)!;
    if (
      code === 0xfffd ||
      (code < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t') ||
      (code >= 0x7f && code < 0xa0)
    ) {
      odd += 1;
    }
  }
  return odd >= 4 && odd / total > 0.1;
}
