/**
 * The typed, frozen configuration every other module receives. Built once from
 * the environment by `loadConfig`; nothing outside `src/config/` reads
 * `process.env`.
 */
import type { LogLevel } from './env-schema.js';

export interface ImapConfig {
  host: string;
  /** Default 993. */
  port: number;
  user: string;
  password: string;
  /** Default true. */
  tls: boolean;
  /** Default `INBOX`. */
  mailbox: string;
  /**
   * authserv-id of our receiving server's Authentication-Results header
   * (`IMAP_AUTHSERV_ID`), for DMARC. null (default): the topmost header.
   */
  authservId: string | null;
}

export interface SmtpConfig {
  /** A nodemailer connection URL, e.g. `smtp://user:pass@host:587`. */
  url: string;
  /** The From header of replies. */
  from: string;
}

export interface WhatsappWebConfig {
  /** Session folder for whatsapp-web.js LocalAuth. Default `./.wwebjs_auth`. */
  sessionDir: string;
  /** Default `/usr/bin/chromium`. */
  chromiumPath: string;
  /** Take group messages (`WHATSAPP_WEB_ALLOW_GROUPS`). Default false. */
  allowGroups: boolean;
  /** Minimum gap between two sends to one recipient (`WHATSAPP_SEND_GAP_MS`). Default 1000. */
  sendGapMs: number;
}

export interface WhatsappCloudConfig {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  /** The default sending number: the first of `phoneNumberIds`. */
  phoneNumberId: string;
  /**
   * Every business number of the app (`WHATSAPP_CLOUD_PHONE_NUMBER_ID`, comma-separated): the
   * webhook takes messages to any of them and a reply goes from the number the dealer wrote to.
   */
  phoneNumberIds: readonly string[];
  /** Default `https://graph.facebook.com`, without a trailing slash. */
  graphUrl: string;
  /** Graph API version in send URLs. Default `v21.0`. */
  apiVersion: string;
  /** Approved template sent outside the 24-hour window (`WHATSAPP_CLOUD_TEMPLATE_NAME`); null: none. */
  templateName: string | null;
  /** Its language code (`WHATSAPP_CLOUD_TEMPLATE_LANGUAGE`). Default `en`. */
  templateLanguage: string;
  /** Minimum gap between two sends to one recipient (`WHATSAPP_SEND_GAP_MS`). Default 1000. */
  sendGapMs: number;
}

export interface OpenAiConfig {
  /** null: the SDK's default endpoint. */
  baseUrl: string | null;
  /** null: a local endpoint that needs no key. */
  apiKey: string | null;
  /** Default `gpt-4o-mini`. */
  model: string;
}

/** Files that arrive with messages (docs/files.md). */
export interface FilesConfig {
  /** Largest file taken, bytes, per kind. */
  maxBytes: { document: number; image: number; audio: number };
  /** Days a file keeps its bytes. */
  retentionDays: number;
  ocr: {
    /** The tesseract executable. */
    command: string;
    /** Tesseract's languages, `eng+hin`. */
    languages: string;
    /** 0-100: an OCR'd word below it keeps the draft for a person. */
    minConfidence: number;
  };
  /** An OpenAI-compatible speech-to-text endpoint; null: voice notes wait for a person. */
  transcription: { baseUrl: string | null; apiKey: string | null; model: string } | null;
}

export interface Config {
  /** Default `postgres://root@127.0.0.1:5432/orderdesk`. */
  databaseUrl: string;
  /** Default `redis://127.0.0.1:6379`; a `/N` database index is honoured. */
  redisUrl: string;
  /** HTTP port. Default 3000. */
  port: number;
  /** A bearer token the API always accepts; null: only tokens from the database. */
  apiToken: string | null;
  /** ISO 3166 alpha-2 region for reading local phone numbers. Default `IN`. */
  defaultRegion: string;
  /**
   * Express `trust proxy`: which proxies in front may tell the client's scheme, host and address
   * (`X-Forwarded-Proto/Host/For`). `false` (default): none. A number of hops, `true` (any), or
   * addresses and CIDRs (`loopback`, `10.0.0.0/8`).
   */
  trustProxy: boolean | number | string[];
  /** pino level. Default `info`. */
  logLevel: LogLevel;
  /** Email intake; null unless `IMAP_HOST` is set. */
  imap: ImapConfig | null;
  /** Email replies; null unless `SMTP_URL` is set. */
  smtp: SmtpConfig | null;
  /** null unless `WHATSAPP_WEB_ENABLED` is true. */
  whatsappWeb: WhatsappWebConfig | null;
  /** null unless the four `WHATSAPP_CLOUD_*` credentials are set. */
  whatsappCloud: WhatsappCloudConfig | null;
  /** null unless `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set: rules only. */
  openai: OpenAiConfig | null;
  /**
   * The export webhook every confirmed order is POSTed to (docs/accounting.md); null unless
   * `ORDERDESK_EXPORT_WEBHOOK_URL` is set, and then `ORDERDESK_EXPORT_WEBHOOK_SECRET` must be.
   */
  exportWebhook: { url: string; secret: string } | null;
  /** An export delivery's first retry wait, doubled per try up to 10 minutes (`ORDERDESK_EXPORT_RETRY_BASE_MS`). Default 2000. */
  exportRetryBaseMs: number;
  /**
   * The address dealers open the portal at (`ORDERDESK_PUBLIC_URL`, no trailing slash); null:
   * unset — links asked for in chat then point at `http://localhost:<PORT>`, links sent from
   * the console at the address the console was opened at.
   */
  publicUrl: string | null;
  /** Review-queue minutes after which an item shows amber, then red (`ORDERDESK_REVIEW_SLA_MINUTES`). */
  reviewSla: { warn: number; late: number };
  files: FilesConfig;
}

/** Deeply readonly view of the config, as handed out. */
export type FrozenConfig = {
  readonly [K in keyof Config]: Config[K] extends object | null ? Readonly<Config[K]> : Config[K];
};
