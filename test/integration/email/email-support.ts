/**
 * Email test support on real services: a fresh Dovecot mailbox per test
 * file (any user@mailtest.example.test exists, password `secret`; see
 * scripts/services-up.sh), delivery over LMTP, a real SMTP receiver
 * (smtp-server) that keeps what it receives, and a minimal PDF builder.
 */
import { TEST_IMAP_PORT, TEST_LMTP_PORT } from '../../support/test-services.js';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { SMTPServer } from 'smtp-server';
import type { ImapConfig } from '../../../src/config/config.js';

export const IMAP_HOST = '127.0.0.1';
export const IMAP_PORT = TEST_IMAP_PORT;
export const LMTP_PORT = TEST_LMTP_PORT;

/** A mailbox nobody else uses: its INBOX is empty. */
export function newMailUser(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}@mailtest.example.test`;
}

export function imapConfigFor(user: string, mailbox = 'INBOX'): ImapConfig {
  return {
    host: IMAP_HOST,
    port: IMAP_PORT,
    user,
    password: 'secret',
    tls: false,
    mailbox,
    authservId: null,
  };
}

const lmtp = nodemailer.createTransport({
  host: '127.0.0.1',
  port: LMTP_PORT,
  lmtp: true,
  ignoreTLS: true,
} as Parameters<typeof nodemailer.createTransport>[0]);

/** Delivers a mail into `to`'s INBOX through Dovecot's LMTP; returns its Message-ID. */
export async function deliver(to: string, mail: Mail.Options): Promise<string> {
  const info = await lmtp.sendMail({ to, ...mail });
  if (info.rejected.length > 0) throw new Error(`LMTP rejected ${to}`);
  return info.messageId;
}

/** Delivers raw bytes as they are (garbage, hand-built MIME). */
export async function deliverRaw(to: string, raw: Buffer | string): Promise<void> {
  await lmtp.sendMail({ envelope: { from: 'someone@elsewhere.test', to: [to] }, raw });
}

export interface SmtpReceiver {
  port: number;
  url: string;
  received: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on an ephemeral loopback port; every mail is parsed and kept. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A minimal valid one-page PDF (Helvetica 10 pt) with each text at (x, y):
 * enough for pdf.js to extract positioned text items.
 */
export function buildPdf(texts: { x: number; y: number; text: string }[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = texts
    .map((t) => `BT /F1 10 Tf ${t.x} ${t.y} Td (${esc(t.text)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
