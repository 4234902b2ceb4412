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
