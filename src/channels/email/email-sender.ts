/**
 * Email replies through nodemailer (SMTP_URL, MAIL_FROM), threaded under the
 * dealer's mail: `In-Reply-To` = their Message-ID, `References` = their
 * chain + their Message-ID, subject "Re: <their subject>". The body is the
 * outbox text (rendered from templates/) as text/plain, and the same text as
 * simple escaped HTML. A statement reply (outbox kind `statement`) carries
 * the dealer's whole statement of account as a CSV attachment, as of sending.
 *
 * Idempotency: the reply's Message-ID is derived from the outbox row id, so
 * every attempt for one row sends the same mail. Residual risk, stated
 * plainly: if the SMTP server accepts the mail and this process dies before
 * the outbox row is marked sent, the retry delivers a second copy. It has the
 * same Message-ID, which most mail clients and many servers collapse into
 * one, but SMTP itself cannot promise that.
 */
import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpConfig } from '../../config/config.js';
import type { DB } from '../../db/schema.js';
import { PermanentSendError, type ChannelSender, type OutboundMessage } from '../channel-sender.js';
import { indiaDate } from '../../domain/india-date.js';
import {
  listOpenInvoices,
  listStatementEntries,
} from '../../repositories/read-models/dealer-statement.read-model.js';
import { statementCsv } from '../../services/accounting/statement-csv.js';
import { findReplyThread } from './email.repository.js';

export interface CreateEmailSenderDeps {
  db: Kysely<DB>;
  smtp: Readonly<SmtpConfig>;
}

export interface EmailSender extends ChannelSender {
  close(): void;
}

export function createEmailSender(deps: CreateEmailSenderDeps): EmailSender {
  const transport = nodemailer.createTransport({
    url: deps.smtp.url,
    // Below the outbox lease (60 s), so a hung server fails the attempt instead of outliving the claim.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  const domain = /@([^>\s]+)>?\s*$/.exec(deps.smtp.from)?.[1] ?? 'orderdesk.invalid';

  return {
    async send(message: OutboundMessage) {
      const thread =
        message.inboundMessageId === null
          ? null
          : await findReplyThread(deps.db, message.inboundMessageId);
      const messageId = replyMessageId(message.id, domain);
      const references = thread
        ? [...thread.references, ...(thread.messageId ? [thread.messageId] : [])].filter(
            (id, i, all) => all.indexOf(id) === i,
          )
        : [];
      const attachments =
        message.kind === 'statement' && message.inboundMessageId !== null
          ? await statementAttachment(deps.db, message.inboundMessageId)
          : [];
      try {
        const info = await transport.sendMail({
          ...(attachments.length > 0 ? { attachments } : {}),
          from: deps.smtp.from,
          to: message.recipient,
          subject: replySubject(thread?.subject ?? null),
          messageId,
          ...(thread?.messageId ? { inReplyTo: thread.messageId } : {}),
          ...(references.length > 0 ? { references } : {}),
          text: message.body,
          html: toHtml(message.body),
          headers: { 'Auto-Submitted': 'auto-replied' },
        });
        return { externalId: info.messageId || messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx: the server refused this mail for good (bad recipient, policy); retrying will not help.
        if (typeof code === 'number' && code >= 500 && code < 600) {
          throw new PermanentSendError(
            `the mail server refused the reply (${code}): ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        throw error;
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The dealer's statement as a CSV attachment; none when the message has no dealer. */
async function statementAttachment(db: Kysely<DB>, inboundMessageId: string) {
  const message = await db
    .selectFrom('inbound_messages')
    .select('dealer_code')
    .where('id', '=', inboundMessageId)
    .executeTakeFirst();
  const dealer = message?.dealer_code ?? null;
  if (dealer === null) return [];
  const now = new Date();
  const [entries, open] = await Promise.all([
    listStatementEntries(db, dealer, STATEMENT_ATTACHMENT_ENTRIES),
    listOpenInvoices(db, dealer, now),
  ]);
  return [
    {
      filename: `statement-${dealer.replace(/[^\w.-]/g, '_')}-${indiaDate(now)}.csv`,
      content: statementCsv(entries, open),
      contentType: 'text/csv; charset=utf-8',
    },
  ];
}

/** A statement attachment holds at most this many entries (the latest). */
const STATEMENT_ATTACHMENT_ENTRIES = 10_000;

/** The same outbox row always gets the same Message-ID. */
export function replyMessageId(outboxId: string, domain: string): string {
  return `<orderdesk.${outboxId}@${domain}>`;
}

export function replySubject(subject: string | null): string {
  const s = (subject ?? '').trim();
  if (s === '') return 'Re: your order';
  return /^re\s*:/i.test(s) ? s : `Re: ${s}`;
}

function toHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return `<!doctype html><html><body><div style="font-family: Arial, sans-serif; font-size: 14px; line-height: 1.4">${escaped.replace(/\r?\n/g, '<br>\n')}</div></body></html>`;
}
