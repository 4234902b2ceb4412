/**
 * Whether a statement's text is ONE statement that a pipeline of prepared statements can carry
 * (prepared-pipeline.ts: a Parse takes one statement). Strings, quoted names and comments are
 * skipped; a `;` with anything after it, dollar quoting (`$tag$ … $tag$`, not looked into) or an
 * unclosed string or comment says no, and the combiner sends such a text alone.
 */

// The same few statements come again and again: each is looked at once.
const known = new Map<string, boolean>();
const MAX_KNOWN = 2_000;

export function isOneStatement(text: string): boolean {
  let one = known.get(text);
  if (one === undefined) {
    one = scan(text);
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(text, one);
  }
  return one;
}

function scan(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "'" || c === '"') {
      // a string or a quoted identifier ('' and "" are escapes inside)
      i = closingQuote(text, i, c);
      if (i < 0) return false;
      i += 1;
    } else if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (c === '$') {
      // $1 is a placeholder; anything else may open dollar quoting
      if (next === undefined || next < '0' || next > '9') return false;
      i += 1;
    } else if (c === ';') {
      return text.slice(i + 1).trim() === '';
    } else if ((c === 'E' || c === 'e') && next === "'" && !isWordChar(text[i - 1])) {
      // E'...' takes backslash escapes: a \' does not close it
      i = closingEscapeString(text, i + 1);
      if (i < 0) return false;
      i += 1;
    } else i += 1;
  }
  return true;
}

function closingQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i;
    } else i += 1;
  }
  return -1;
}

function closingEscapeString(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      if (text[i + 1] === "'") i += 2;
      else return i;
    } else i += 1;
  }
  return -1;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}
