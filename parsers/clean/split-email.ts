/**
 * Splits an email body into the new part and what it quotes or forwards. An old order
 * in a quoted thread must not be ordered again; the caller decides whether the quoted
 * part is meant ("pls process the order below").
 */
export interface EmailParts {
  fresh: string;
  quoted: string;
}

const QUOTE_HEADERS: RegExp[] = [
  /^-{2,}\s*(forwarded message|original message)\s*-*$/i,
  /^begin forwarded message:?$/i,
  /^on\s.{4,200}\swrote:?\s*$/i,
  /^_{8,}\s*$/,
];

/** Outlook's "From: … / Sent: …" block starts a quote when a Sent/Date line follows closely. */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^\s*from:\s*\S/i.test(lines[i]!)) return false;
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) {
    if (/^\s*(sent|date):\s*\S/i.test(lines[k]!)) return true;
  }
  return false;
}

export function splitEmail(body: string): EmailParts {
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // "On Thu, 21 Nov 2024, 10:02 X <x@y> wrote:" sometimes wraps over two lines.
    const twoLines = `${line} ${lines[i + 1]?.trim() ?? ''}`;
    if (
      QUOTE_HEADERS.some((re) => re.test(line)) ||
      isOutlookHeader(lines, i) ||
      (/^on\s/i.test(line) && /\swrote:?\s*$/i.test(twoLines) && !/wrote/i.test(line))
    ) {
      return {
        fresh: stripQuoteMarks(lines.slice(0, i)).join('\n'),
        quoted: lines
          .slice(i)
          .map((l) => l.replace(/^(\s*>)+\s?/, ''))
          .join('\n'),
      };
    }
  }
  const fresh = lines.filter((l) => !/^\s*>/.test(l));
  const quoted = lines.filter((l) => /^\s*>/.test(l)).map((l) => l.replace(/^(\s*>)+\s?/, ''));
  return { fresh: fresh.join('\n'), quoted: quoted.join('\n') };
}

function stripQuoteMarks(lines: string[]): string[] {
  return lines.filter((l) => !/^\s*>/.test(l));
}

const HEADER_FIELD = /^\s*(from|sent|date|to|cc|bcc|subject|reply-to)\s*:/i;

/**
 * The body of a quoted or forwarded mail without what introduces it: the "Forwarded message" or
 * "On … wrote:" line and the From/Date/To/Subject fields under it. Structure, not content: only
 * the header block at the top goes.
 */
export function quotedBody(quoted: string): string {
  const lines = quoted.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const first = lines[i]?.trim() ?? '';
  if (QUOTE_HEADERS.some((re) => re.test(first))) i++;
  while (i < lines.length && (HEADER_FIELD.test(lines[i]!) || lines[i]!.trim() === '')) i++;
  return lines.slice(i).join('\n');
}
