/**
 * Sender trust from `Authentication-Results` (RFC 8601): did the mail pass
 * DMARC (or at least SPF/DKIM) at OUR receiving server?
 *
 * Only a header our own server stamped counts: anyone can write an
 * Authentication-Results header into a mail they send. Receiving servers
 * add theirs on top, so by default only the topmost header is read; with
 * `authservId` set, the topmost header carrying that authserv-id (for
 * example `mx.google.com`) is read and all others are ignored.
 *
 * A message fails when `dmarc=fail`, or when there is no DMARC result and
 * SPF fails (fail/softfail) without a passing DKIM signature. Such a mail is
 * still stored and read, but never auto-confirmed: it waits for a person.
 */

export interface HeaderLine {
  /** Lower-cased header name. */
  key: string;
  /** The whole header line(s) as received, `Name: value`, possibly folded. */
  line: string;
}

export interface CheckSenderAuthInput {
  /** The mail's header lines, top first (mailparser's `headerLines`). */
  headers: readonly HeaderLine[];
  /** Our receiving server's authserv-id; null: trust the topmost header. */
  authservId: string | null;
}

export interface SenderAuth {
  /** The authserv-id of the header read; null when none was found. */
  authservId: string | null;
  dmarc: string | null;
  spf: string | null;
  /** `pass` if any DKIM signature passed, else the first result. */
  dkim: string | null;
  /** Why the mail must not auto-confirm; null when it may. */
  hold: string | null;
}

const SPF_FAILING = new Set(['fail', 'softfail', 'permerror']);

export function checkSenderAuth(input: CheckSenderAuthInput): SenderAuth {
  const values = input.headers
    .filter((h) => h.key === 'authentication-results')
    .map((h) => unfold(h.line).replace(/^[^:]*:\s*/, ''));
  const wanted = input.authservId?.trim().toLowerCase() || null;
  const header = values
    .map(parseAuthResults)
    .find((r) => r !== null && (wanted === null || r.authservId.toLowerCase() === wanted));
  if (!header) {
    return { authservId: null, dmarc: null, spf: null, dkim: null, hold: null };
  }
  const first = (method: string) => header.results.find((r) => r.method === method)?.result ?? null;
  const dkimResults = header.results.filter((r) => r.method === 'dkim').map((r) => r.result);
  const dkim = dkimResults.includes('pass') ? 'pass' : (dkimResults[0] ?? null);
  const dmarc = first('dmarc');
  const spf = first('spf');
  let hold: string | null = null;
  if (dmarc === 'fail') {
    hold = `the sender failed DMARC (Authentication-Results from ${header.authservId}: dmarc=fail, spf=${spf ?? 'none'}, dkim=${dkim ?? 'none'}); the From address may be forged`;
  } else if (dmarc !== 'pass' && spf !== null && SPF_FAILING.has(spf) && dkim !== 'pass') {
    hold = `the sender failed SPF without a passing DKIM signature (Authentication-Results from ${header.authservId}: spf=${spf}, dkim=${dkim ?? 'none'}); the From address may be forged`;
  }
  return { authservId: header.authservId, dmarc, spf, dkim, hold };
}

function unfold(line: string): string {
  return line.replace(/\r?\n[ \t]+/g, ' ');
}

interface ParsedAuthResults {
  authservId: string;
  results: { method: string; result: string }[];
}

/** `authserv-id [version]; method=result (comment) ptype.prop=value; ...` */
export function parseAuthResults(value: string): ParsedAuthResults | null {
  const parts = splitOutsideQuotes(stripComments(value), ';').map((p) => p.trim());
  const id = parts[0]?.split(/\s+/)[0]?.trim();
  if (!id) return null;
  const results: ParsedAuthResults['results'] = [];
  for (const part of parts.slice(1)) {
    const m = /^([a-z0-9_-]+)\s*=\s*([a-z0-9_-]+)/i.exec(part);
    if (m) results.push({ method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase() });
  }
  return { authservId: id, results };
}

function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      if (depth === 0) out += ch + value[i + 1]!;
      i++;
      continue;
    }
    if (ch === '"' && depth === 0) quoted = !quoted;
    if (!quoted && ch === '(') {
      depth++;
      continue;
    }
    if (!quoted && ch === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += ch;
  }
  return out;
}

function splitOutsideQuotes(value: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
