/**
 * One raw mail (RFC 822 bytes from IMAP) → the inbound message to ingest and
 * what a reply needs to thread under it.
 *
 * - external id: the Message-ID; a mail without one gets `sha256:<hash of
 *   the raw bytes>`, which stays the same if the server renumbers the
 *   mailbox (a new UIDVALIDITY), so a re-read still dedupes.
 * - text: order lines read from CSV/XLSX/PDF attachments come FIRST, under
 *   a marker line, then the body (text part, or the HTML part converted).
 *   First, because the parser keeps only a mail's new part: it cuts at a
 *   sign-off ("Regards") or a quoted thread, and sheet lines after either
 *   would be cut with them.
 * - review hold: DMARC failure (see authentication-results.ts), a mail that
 *   could not be parsed, or an order sheet that could not be read.
 *
 * Never throws for a bad mail: garbage becomes a message with a reason.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { htmlToPlain } from '../../../parsers/clean/html-to-plain.js';
import { SHEET_MARKER } from '../../../parsers/clean/sheet-marker.js';
import type { JsonValue } from '../../db/schema.js';
import type { IngestMessageInput } from '../../services/ingest-message.js';
import { checkSenderAuth, type SenderAuth } from './authentication-results.js';
import { formatBytes, readAttachment, type AttachmentReading } from './read-attachment.js';

/** The marker line above order lines read from attachments. */
export { SHEET_MARKER };
/** At most this many attachments are read as order sheets; the rest are recorded. */
export const MAX_SHEETS_READ = 5;
/** Review holds are cut to this length. */
const MAX_HOLD_CHARS = 1_000;

export interface ReadEmailInput {
  /** The whole mail; null when it was too large to download (see `size`). */
  source: Buffer | null;
  /** Size on the server (RFC822.SIZE), bytes. */
  size: number;
  /** When `source` is null: the mail's header block, to still know sender and subject. */
  headers?: Buffer | null;
  /** Over this size the body was not downloaded (for the reason text). */
  maxBytes?: number;
  /** The server's INTERNALDATE; default: the Date header, else now. */
  internalDate?: Date | null;
  /** Our receiving server's authserv-id; null: the topmost Authentication-Results. */
  authservId: string | null;
}

export interface EmailThreadInfo {
  externalId: string;
  /** With angle brackets; null when the mail had none. */
  messageId: string | null;
  subject: string | null;
  /** References then In-Reply-To chain of the received mail, oldest first. */
  references: string[];
}

export interface ReadEmailResult {
  message: IngestMessageInput & { channel: 'email'; attachments: JsonValue[] };
  thread: EmailThreadInfo;
  auth: SenderAuth | null;
}

export async function readEmail(input: ReadEmailInput): Promise<ReadEmailResult> {
  const holds: string[] = [];
  const raw = input.source ?? input.headers ?? Buffer.alloc(0);
  if (input.source === null) {
    holds.push(
      `the mail is ${formatBytes(input.size)}, over the ${formatBytes(input.maxBytes ?? 0)} limit: only its headers were read; a person must open it in the mailbox`,
    );
  }
  let parsed: ParsedMail | null = null;
  try {
    parsed = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (error) {
    holds.push(
      `the mail could not be read as MIME (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const hash = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const messageId = cleanId(parsed?.messageId);
  const externalId = messageId ?? hash;
  const subject = parsed?.subject?.trim() || null;
  const sender = firstAddress(parsed?.from) ?? 'unknown-sender@invalid';

  const auth = parsed
    ? checkSenderAuth({
        headers: parsed.headerLines.map((h) => ({ key: h.key.toLowerCase(), line: h.line })),
        authservId: input.authservId,
      })
    : null;
  if (auth?.hold) holds.unshift(auth.hold);

  let body = '';
  if (parsed) {
    body = parsed.text?.trim()
      ? parsed.text
      : typeof parsed.html === 'string'
        ? htmlToPlain(parsed.html)
        : '';
  } else if (input.source !== null) {
    // Not MIME at all: keep the bytes as text, ingestion flags binary or invalid UTF-8.
    body = input.source.toString('utf8');
  }

  const readings: AttachmentReading[] = [];
  let sheetsRead = 0;
  for (const att of parsed?.attachments ?? []) {
    const isSheet = att.contentType !== 'message/rfc822';
    if (isSheet && sheetsRead < MAX_SHEETS_READ) {
      const reading = await readAttachment({
        filename: att.filename ?? null,
        contentType: att.contentType,
        content: att.content,
      });
      if (reading.kind !== 'other') sheetsRead++;
      readings.push(reading);
    } else {
      readings.push({
        filename: att.filename ?? '(no name)',
        content_type: att.contentType,
        size: att.size,
        kind: 'other',
        lines: [],
        reason:
          att.contentType === 'message/rfc822'
            ? 'a forwarded mail; not read'
            : `only the first ${MAX_SHEETS_READ} order sheets are read`,
      });
    }
  }
  for (const r of readings) {
    if (r.kind !== 'other' && r.lines.length === 0) {
      holds.push(`the attached ${r.kind.toUpperCase()} "${r.filename}" was not read: ${r.reason}`);
    } else if (r.kind !== 'other' && r.reason !== null) {
      holds.push(`the attached ${r.kind.toUpperCase()} "${r.filename}": ${r.reason}`);
    }
  }
  const sheetLines = readings.flatMap((r) => r.lines);
  const text =
    sheetLines.length > 0 ? `${SHEET_MARKER}\n${sheetLines.join('\n')}\n\n${body}`.trimEnd() : body;

  const hold = holds.join(' ').slice(0, MAX_HOLD_CHARS) || null;
  return {
    message: {
      channel: 'email',
      externalId,
      sender,
      text,
      subject,
      attachments: readings.map((r) => ({ ...r, lines: r.lines.length })) as unknown as JsonValue[],
      receivedAt: input.internalDate ?? parsed?.date ?? new Date(),
      reviewHold: hold,
    },
    thread: {
      externalId,
      messageId,
      subject,
      references: threadChain(parsed),
    },
    auth,
  };
}

function cleanId(id: string | undefined): string | null {
  const trimmed = id?.trim();
  if (!trimmed) return null;
  const bare = trimmed.replace(/^<|>$/g, '').trim();
  if (!bare || /[\s<>]/.test(bare) || bare.length > 400) return null;
  return `<${bare}>`;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return v.address.trim().toLowerCase();
    }
  }
  return null;
}

function threadChain(parsed: ParsedMail | null): string[] {
  if (!parsed) return [];
  const refs = Array.isArray(parsed.references)
    ? parsed.references
    : parsed.references
      ? parsed.references.split(/\s+/)
      : [];
  const chain = refs.map((r) => cleanId(r)).filter((r): r is string => r !== null);
  const inReplyTo = cleanId(parsed.inReplyTo?.split(/\s+/)[0]);
  if (inReplyTo && !chain.includes(inReplyTo)) chain.push(inReplyTo);
  // References can grow without bound on long threads; the newest ids matter.
  return chain.slice(-20);
}
