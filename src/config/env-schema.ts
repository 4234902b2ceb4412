/**
 * The environment variables Order Desk reads (docs/operations.md), as one
 * zod schema. An empty string counts as "not set", so `FOO=` in an env file
 * falls back to the default instead of failing validation.
 */
import { z } from 'zod';

/** Variables whose values are secrets: never echoed in a problem message. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'ORDERDESK_API_TOKEN',
  'IMAP_PASSWORD',
  'SMTP_URL',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_ACCESS_TOKEN',
  'OPENAI_API_KEY',
  'ORDERDESK_EXPORT_WEBHOOK_SECRET',
]);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const stringWithDefault = (fallback: string) =>
  z.preprocess(blankToUndefined, z.string().trim().default(fallback));

const booleanWithDefault = (fallback: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v), {
        message: 'must be true or false',
      })
      .transform((v) => ['true', '1', 'yes', 'on'].includes(v))
      .default(fallback),
  );

const portWithDefault = (fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, { message: 'must be a whole number between 0 and 65535' })
      .transform(Number)
      .refine((n) => n <= 65535, { message: 'must be a whole number between 0 and 65535' })
      .default(fallback),
  );

const megabytesWithDefault = (fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,4}(\.\d{1,2})?$/, { message: 'must be a number of megabytes, like 10' })
      .transform(Number)
      .refine((n) => n > 0, { message: 'must be more than 0' })
      .default(fallback),
  );

const urlWithSchemes = (schemes: readonly string[], what: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return schemes.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a ${what} URL (${schemes.map((s) => `${s}//`).join(' or ')})` },
    );

/** The raw environment as validated: one key per variable, defaults applied. */
export const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['postgres:', 'postgresql:'], 'PostgreSQL').default(
      'postgres://root@127.0.0.1:5432/orderdesk',
    ),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['redis:', 'rediss:'], 'Redis').default('redis://127.0.0.1:6379'),
  ),
  PORT: portWithDefault(3000),
  ORDERDESK_API_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  ORDERDESK_DEFAULT_REGION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { message: 'must be a two-letter ISO 3166 country code such as IN' })
      .default('IN'),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),

  IMAP_HOST: optionalString,
  IMAP_PORT: portWithDefault(993),
  IMAP_USER: optionalString,
  IMAP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  IMAP_TLS: booleanWithDefault(true),
  IMAP_MAILBOX: stringWithDefault('INBOX'),
  IMAP_AUTHSERV_ID: optionalString,

  SMTP_URL: z.preprocess(blankToUndefined, urlWithSchemes(['smtp:', 'smtps:'], 'SMTP').optional()),
  MAIL_FROM: optionalString,

  WHATSAPP_WEB_ENABLED: booleanWithDefault(false),
  WHATSAPP_WEB_SESSION_DIR: stringWithDefault('./.wwebjs_auth'),
  CHROMIUM_PATH: stringWithDefault('/usr/bin/chromium'),
  WHATSAPP_WEB_ALLOW_GROUPS: booleanWithDefault(false),
  WHATSAPP_SEND_GAP_MS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, { message: 'must be a whole number of milliseconds' })
      .transform(Number)
      .default(1000),
  ),

  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalString,
  WHATSAPP_CLOUD_APP_SECRET: optionalString,
  WHATSAPP_CLOUD_ACCESS_TOKEN: optionalString,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_CLOUD_GRAPH_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['https:', 'http:'], 'HTTP').default('https://graph.facebook.com'),
  ),
  WHATSAPP_CLOUD_API_VERSION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^v\d+\.\d+$/, { message: 'must look like v21.0' })
      .default('v21.0'),
  ),
  WHATSAPP_CLOUD_TEMPLATE_NAME: optionalString,
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: stringWithDefault('en'),

  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^(true|false|\d{1,2}|[\w.:/,\s-]+)$/i, {
        message:
          'must be false, true, a number of proxy hops, or addresses/CIDRs separated by commas',
      })
      .optional(),
  ),

  /** Review-queue waiting times that turn amber and red: "15,60" (minutes). */
  ORDERDESK_REVIEW_SLA_MINUTES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,5},\s*\d{1,5}$/, { message: 'must be two numbers of minutes, like 15,60' })
      .transform((s) => {
        const [warn, late] = s.split(',').map((n) => Number(n.trim())) as [number, number];
        return { warn, late };
      })
      .refine((v) => v.warn > 0 && v.late > v.warn, {
        message: 'the second number must be larger than the first',
      })
      .default({ warn: 15, late: 60 }),
  ),

  /** Where dealers reach this service from outside (the portal's sign-in links). */
  ORDERDESK_PUBLIC_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['https:', 'http:'], 'HTTP').optional(),
  ),

  ORDERDESK_EXPORT_WEBHOOK_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['https:', 'http:'], 'HTTP').optional(),
  ),
  ORDERDESK_EXPORT_WEBHOOK_SECRET: optionalString,
  ORDERDESK_EXPORT_RETRY_BASE_MS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, { message: 'must be a whole number of milliseconds' })
      .transform(Number)
      .refine((n) => n >= 100 && n <= 600_000, { message: 'must be from 100 to 600000' })
      .default(2000),
  ),

  OPENAI_BASE_URL: z.preprocess(
    blankToUndefined,
    urlWithSchemes(['https:', 'http:'], 'HTTP').optional(),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  /** A speech-to-text model at OPENAI_BASE_URL (docs/files.md); unset: voice notes wait for a person. */
  OPENAI_TRANSCRIPTION_MODEL: optionalString,

  /** Largest file taken per kind, in MB (docs/files.md). */
  ORDERDESK_MAX_DOCUMENT_MB: megabytesWithDefault(10),
  ORDERDESK_MAX_IMAGE_MB: megabytesWithDefault(10),
  ORDERDESK_MAX_AUDIO_MB: megabytesWithDefault(16),
  /** Days a message's files keep their bytes. */
  ORDERDESK_FILE_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, { message: 'must be a whole number of days' })
      .transform(Number)
      .refine((n) => n >= 1, { message: 'must be at least 1 day' })
      .default(90),
  ),
  TESSERACT_PATH: stringWithDefault('tesseract'),
  /** Tesseract's languages, joined by "+". */
  ORDERDESK_OCR_LANGUAGES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z_]{3,10}(\+[a-z_]{3,10})*$/i, { message: 'must look like eng+hin' })
      .default('eng+hin'),
  ),
  /** Below this word confidence (0-100) an OCR'd draft waits for a person. */
  ORDERDESK_OCR_MIN_CONFIDENCE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, { message: 'must be a whole number from 0 to 100' })
      .transform(Number)
      .refine((n) => n <= 100, { message: 'must be a whole number from 0 to 100' })
      .default(80),
  ),
});

export type Env = z.infer<typeof envSchema>;
