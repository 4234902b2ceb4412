/**
 * Numbers that are not quantities, found by their shape and their neighbours: dates
 * ("21/11", "21-11-2024", "16 Dec"), times ("10:30", "11 am", "2 din"), phone numbers and other
 * long numbers (5+ digits, or 10–13 digits written in groups), document numbers after their
 * marker ("invoice 4521", "PO/24-25/0912", "#318"), and prices ("@ 95", "rate 95", "Rs 120").
 * Returns the token indexes that are such references, marker words included.
 */
import {
  ADDRESS_MARKERS,
  COUNTED_NOT_GOODS,
  DOCUMENT_MARKERS,
  MONTHS,
  PRICE_MARKERS,
  REFERENCE_LEADS,
  TIME_WORDS,
} from '../lexicon/references.js';
import { CARDINALS } from '../lexicon/numbers.js';
import { wordSet } from '../lexicon/lexicon.js';
import { numberValue, type Token } from '../text/tokenize.js';

const DOCUMENT = new Set([...wordSet(DOCUMENT_MARKERS), ...wordSet(ADDRESS_MARKERS)]);
/** Markers that name a document only with another marker beside them ("order no. 12", not "order: 10 cs"). */
const WEAK = new Set(['order', 'no', 'number', 'code', 'id', 'at']);
const PRICE = wordSet(PRICE_MARKERS);
const LEADS = wordSet(REFERENCE_LEADS);
const MONTH = wordSet(MONTHS);
const TIME = wordSet(TIME_WORDS);
const NOT_GOODS = wordSet(COUNTED_NOT_GOODS);
/** Marks that may sit between a marker and its number: "no.: 45", "# 318", "Rs. 10". */
const BETWEEN = new Set([':', '.', '#', '/', '=']);
const DATE_MARKS = new Set(['/', '-', '.', ':']);
const DATE_LABELS = new Set(['date', 'dated', 'dt']);
const CODE_JOINS = new Set(['/', '-']);

const POSTAL = new Set(['pin', 'pincode']);
const glued = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

export function findReferences(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  const add = (from: number, to: number) => {
    for (let k = from; k <= to; k++) out.add(k);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'symbol' && !glued(tokens[i - 1], t)) {
      const end = codeRun(tokens, i);
      if (end > i) {
        add(markerBefore(tokens, i) ?? i, end);
        i = end;
        continue;
      }
    }
    // "teen baje", "do din mein": a time said in words, as "3 baje" is in digits
    if (CARDINALS.has(t.norm) && TIME.has(tokens[i + 1]?.norm ?? '') && t.kind === 'word') {
      add(i, i + 1);
      i++;
      continue;
    }
    // "Teen dukaan ka order", "2 orders": a count of shops or orders, not of goods.
    if (
      (t.kind === 'number' || CARDINALS.has(t.norm)) &&
      NOT_GOODS.has(tokens[i + 1]?.norm ?? '')
    ) {
      add(i, i + 1);
      i++;
      continue;
    }
    if (t.kind !== 'number') {
      // "Indent No. 22/2025-26": a number code (read as a word, as a size "90/90-17" is) after a
      // document marker
      const marker = t.kind === 'word' && /^\d/.test(t.raw) ? markerBefore(tokens, i) : null;
      if (marker !== null) {
        add(marker, i);
        continue;
      }
      // "PO/24-25/0912", "KMD/1184": letters and digits glued by slashes.
      if (t.kind === 'word' && tokens[i + 1]?.raw === '/' && glued(t, tokens[i + 1])) {
        // k: a mark glued after a part; last: the code's last part
        let k = i + 1;
        let last = i;
        let digits = false;
        while (
          k + 1 < tokens.length &&
          glued(tokens[k], tokens[k + 1]) &&
          tokens[k + 1]!.kind !== 'symbol'
        ) {
          digits ||= tokens[k + 1]!.kind === 'number';
          last = k + 1;
          k += 2;
          if (!(tokens[k] && DATE_MARKS.has(tokens[k]!.raw) && glued(tokens[k - 1], tokens[k])))
            break;
        }
        // with its marker: "PO No. RAS/2425/418"
        if (digits) add(markerBefore(tokens, i) ?? i, last);
      }
      continue;
    }
    const digits = t.raw.replace(/\D/g, '').length;
    // "21.11.2024", "1.2.3": a number token that is no plain number is a date or a reference.
    if (numberValue(t.raw) === null || digits >= 5) out.add(i);
    // Dates and times: numbers glued by / or : ("21/11", "10:30"), or three glued by - or .
    // ("21-11-2024"); "10-10 piece" is ten of each, not a date.
    const chain = gluedNumbers(tokens, i);
    if (chain.last > i && (chain.marks.has('/') || chain.marks.has(':') || chain.parts >= 3)) {
      add(markerBefore(tokens, i) ?? i, chain.last);
      i = chain.last;
      continue;
    }
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    // "11 am", "2 din", "3rd", "16 Dec", "Dec 16", "16-Dec-2024"
    if (next && next.kind === 'word' && (TIME.has(next.norm) || MONTH.has(next.norm))) {
      add(i, i + 1);
      continue;
    }
    if (next && DATE_MARKS.has(next.raw) && MONTH.has(tokens[i + 2]?.norm ?? '')) {
      add(i, i + 2);
      continue;
    }
    if (
      previous &&
      (MONTH.has(previous.norm) ||
        (DATE_MARKS.has(previous.raw) && MONTH.has(tokens[i - 2]?.norm ?? '')))
    ) {
      add(previous.kind === 'word' ? i - 1 : i - 2, i);
      continue;
    }
    // "+91 98390 12345", "9839 221 774": groups adding up to a phone number.
    const group = phoneGroup(tokens, i);
    if (group > i) {
      add(i, group);
      i = group;
      continue;
    }
    // A marker before the number, with marks between: "invoice no. 4521", "# 318", "@ 95", "Rs.120".
    const marker = markerBefore(tokens, i);
    if (marker !== null) add(marker, i);
  }
  return out;
}

function markerBefore(tokens: readonly Token[], i: number): number | null {
  // "PO SAR/PUR/24-25/0877": the code's letter parts, glued by "/" or "-", lead to its marker
  let start = i;
  while (
    start >= 2 &&
    CODE_JOINS.has(tokens[start - 1]!.raw) &&
    glued(tokens[start - 1], tokens[start]) &&
    glued(tokens[start - 2], tokens[start - 1]) &&
    tokens[start - 2]!.kind !== 'symbol'
  )
    start -= 2;
  let k = start - 1;
  let found: number | null = null;
  let strong = false;
  // Up to three words back ("order no.", "bill no", "PO #"), over marks.
  for (let words = 0; k >= 0 && words < 3; k--) {
    const t = tokens[k]!;
    if (t.kind === 'symbol') {
      if (t.raw === '@' || t.raw === '₹' || t.raw === '#') {
        found = k;
        strong = true;
      } else if (!BETWEEN.has(t.raw)) break;
      continue;
    }
    if (t.kind !== 'word' || !(DOCUMENT.has(t.norm) || PRICE.has(t.norm))) break;
    // "5 rs - 30 cs": a marker written after a number belongs to that number (a date's label
    // belongs to the date after it: "PO 0871 Date: 07-01-2025").
    if (tokens[k - 1]?.kind === 'number' && !DATE_LABELS.has(t.norm)) break;
    found = k;
    strong ||= !WEAK.has(t.norm) || (t.norm === 'no' && tokens[k + 1]?.raw === '.');
    words++;
  }
  if (!strong || found === null) return null;
  // "pin 226010": a postal code has six digits; "king pin 1 box" is a count of king pins
  if (POSTAL.has(tokens[found]!.norm) && !/^\d{3}(\d{3})?$/.test(tokens[i]!.raw)) return null;
  // "against our PO …", "as per indent …": the words leading into a document's number
  if (!PRICE.has(tokens[found]!.norm) && tokens[found]!.kind === 'word')
    for (let lead = found - 1; lead >= 0 && found - lead <= 3 && leads(tokens, lead); lead--)
      found = lead;
  return found;
}

/** A word leading into a reference; "to" and "with" only around "reference" ("with reference to"). */
function leads(tokens: readonly Token[], i: number): boolean {
  const form = tokens[i]!.norm;
  if (form === 'to') return tokens[i - 1]?.norm === 'reference';
  if (form === 'with') return tokens[i + 1]?.norm === 'reference';
  return LEADS.has(form);
}

/** "09AABCJ1234K1Z", "AWB7731908": letters and digits glued into one long code. */
function codeRun(tokens: readonly Token[], i: number): number {
  let k = i;
  let length = tokens[i]!.raw.length;
  let letters = tokens[i]!.kind === 'word';
  let digits = tokens[i]!.kind === 'number';
  while (
    k + 1 < tokens.length &&
    glued(tokens[k], tokens[k + 1]) &&
    tokens[k + 1]!.kind !== 'symbol'
  ) {
    k++;
    length += tokens[k]!.raw.length;
    letters ||= tokens[k]!.kind === 'word';
    digits ||= tokens[k]!.kind === 'number';
  }
  return k > i && letters && digits && length >= 9 ? k : i;
}

/** The last token of a run of digit groups from i that together hold 10–13 digits, else i. */
function phoneGroup(tokens: readonly Token[], i: number): number {
  let digits = 0;
  let k = i;
  if (tokens[i - 1]?.raw === '+') digits = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'number' || !/^\d+$/.test(t.raw)) break;
    digits += t.raw.length;
    k = j;
    const sep = tokens[j + 1];
    if (!sep) break;
    if (sep.kind === 'number' && sep.start - t.end === 1) continue;
    if (
      sep.raw === '-' &&
      glued(t, sep) &&
      tokens[j + 2]?.kind === 'number' &&
      glued(sep, tokens[j + 2])
    ) {
      j++;
      continue;
    }
    break;
  }
  return k > i && digits >= 10 && digits <= 13 ? k : i;
}

/** Numbers glued by date and time marks from i: the last token, how many numbers, which marks. */
function gluedNumbers(tokens: readonly Token[], i: number) {
  let last = i;
  let parts = 1;
  const marks = new Set<string>();
  while (
    DATE_MARKS.has(tokens[last + 1]?.raw ?? '') &&
    glued(tokens[last], tokens[last + 1]) &&
    tokens[last + 2]?.kind === 'number' &&
    glued(tokens[last + 1], tokens[last + 2])
  ) {
    marks.add(tokens[last + 1]!.raw);
    last += 2;
    parts++;
  }
  return { last, parts, marks };
}
