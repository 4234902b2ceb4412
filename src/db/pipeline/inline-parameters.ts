/**
 * A compiled statement with its `$n` parameters written in as quoted literals, so that several
 * statements can travel to PostgreSQL as one simple-protocol query (one round trip).
 *
 * Every value becomes a quoted literal of unknown type ('42', 'text', '{a,b}'), which PostgreSQL
 * types from its context exactly as it types an untyped `$n` parameter sent as text — pg sends
 * every parameter as text too, converted by the same `prepareValue`. Returns null when the
 * statement cannot be inlined safely (binary values, dollar quoting, several statements in one,
 * a placeholder with no value); the caller then sends it on its own with its parameters.
 */
import { createRequire } from 'node:module';

// pg's own conversion of a JS value into a parameter's text (dates, arrays, JSON, bigint)
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => string | Buffer | null;
};

/** A statement's text cut at its placeholders: text, parameter index, text, … */
type Template = readonly (string | number)[];

// The same few statements come again and again: each is cut once.
const templates = new Map<string, Template | null>();
const MAX_TEMPLATES = 2_000;

export function inlineParameters(text: string, parameters: readonly unknown[]): string | null {
  let template = templates.get(text);
  if (template === undefined) {
    template = cut(text);
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(text, template);
  }
  if (template === null) return null;
  const literals: string[] = [];
  for (const value of parameters) {
    const literal = toLiteral(value);
    if (literal === null) return null;
    literals.push(literal);
  }
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') out += part;
    else {
      const literal = literals[part];
      if (literal === undefined) return null;
      out += literal;
    }
  }
  return out;
}

/** A quoted literal (or NULL); null for a value that has no text form (bytes). */
function toLiteral(value: unknown): string | null {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (typeof prepared !== 'string') return null;
  const quoted = `'${prepared.replace(/'/g, "''")}'`;
  // as pg's escapeLiteral: backslashes doubled in an E'' string, whatever standard_conforming_strings says
  return prepared.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/** Cuts `text` at its `$n` placeholders outside strings, quoted names and comments. */
function cut(text: string): Template | null {
  const parts: (string | number)[] = [];
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "'" || c === '"') {
      // a string or a quoted identifier ('' and "" are escapes inside)
      i = closingQuote(text, i, c);
      if (i < 0) return null;
      i += 1;
    } else if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (c === '$') {
      const digits = /^\$(\d+)/.exec(text.slice(i, i + 8));
      // $tag$ … $tag$ (dollar quoting) is not looked into: such a statement goes alone
      if (digits === null) return null;
      parts.push(text.slice(from, i), Number(digits[1]) - 1);
      i += digits[0].length;
      from = i;
    } else if (c === ';') {
      // one statement per entry: the caller matches results to statements by position
      if (text.slice(i + 1).trim() !== '') return null;
      parts.push(text.slice(from, i));
      return parts;
    } else if ((c === 'E' || c === 'e') && next === "'" && !isWordChar(text[i - 1])) {
      // E'...' takes backslash escapes: a \' does not close it
      i = closingEscapeString(text, i + 1);
      if (i < 0) return null;
      i += 1;
    } else i += 1;
  }
  parts.push(text.slice(from));
  return parts;
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
