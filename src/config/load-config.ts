import { envSchema, SECRET_VARIABLES, type Env } from './env-schema.js';
import type { Config, FrozenConfig } from './config.js';

/** One thing wrong with the environment. */
export interface ConfigProblem {
  /** The environment variable at fault. */
  variable: string;
  /** What is wrong, in words an operator can act on. */
  message: string;
}

export type LoadConfigResult =
  { ok: true; config: FrozenConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * Thrown by `requireConfig` when the environment is invalid. Its message lists
 * every problem, one per line; print the message, not the stack.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatConfigProblems(problems));
    this.problems = problems;
  }
}

export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
  return `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment and builds the frozen Config. Never throws: a bad
 * environment gives `{ ok: false, problems }` with every problem found.
 */
export function loadConfig(env: EnvSource = process.env): LoadConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      const raw = env[variable];
      const shown =
        raw !== undefined && !SECRET_VARIABLES.has(variable) ? ` (got ${JSON.stringify(raw)})` : '';
      return { variable, message: `${issue.message}${shown}` };
    });
    return { ok: false, problems };
  }
  const problems: ConfigProblem[] = [];
  const config = buildConfig(parsed.data, problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: deepFreeze(config) };
}

/** As `loadConfig`, but throws a ConfigError listing every problem. */
export function requireConfig(env: EnvSource = process.env): FrozenConfig {
  const result = loadConfig(env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

let cached: FrozenConfig | undefined;

/**
 * The process-wide config, parsed from `process.env` on first call and reused
 * after; throws a ConfigError if the environment is invalid.
 */
export function getConfig(): FrozenConfig {
  cached ??= requireConfig(process.env);
  return cached;
}

function buildConfig(env: Env, problems: ConfigProblem[]): Config {
  const requireWith = (variable: keyof Env, value: unknown, because: string) => {
    if (value === undefined) problems.push({ variable, message: `must be set ${because}` });
  };

  let imap: Config['imap'] = null;
  if (env.IMAP_HOST !== undefined) {
    requireWith('IMAP_USER', env.IMAP_USER, 'when IMAP_HOST is set');
    requireWith('IMAP_PASSWORD', env.IMAP_PASSWORD, 'when IMAP_HOST is set');
    imap = {
      host: env.IMAP_HOST,
      port: env.IMAP_PORT,
      user: env.IMAP_USER ?? '',
      password: env.IMAP_PASSWORD ?? '',
      tls: env.IMAP_TLS,
      mailbox: env.IMAP_MAILBOX,
      authservId: env.IMAP_AUTHSERV_ID ?? null,
    };
  }

  let smtp: Config['smtp'] = null;
  if (env.SMTP_URL !== undefined) {
    requireWith('MAIL_FROM', env.MAIL_FROM, 'when SMTP_URL is set');
    smtp = { url: env.SMTP_URL, from: env.MAIL_FROM ?? '' };
  } else if (env.MAIL_FROM !== undefined) {
    problems.push({ variable: 'SMTP_URL', message: 'must be set when MAIL_FROM is set' });
  }

  const whatsappWeb: Config['whatsappWeb'] = env.WHATSAPP_WEB_ENABLED
    ? {
        sessionDir: env.WHATSAPP_WEB_SESSION_DIR,
        chromiumPath: env.CHROMIUM_PATH,
        allowGroups: env.WHATSAPP_WEB_ALLOW_GROUPS,
        sendGapMs: env.WHATSAPP_SEND_GAP_MS,
      }
    : null;

  const cloudCredentials = {
    WHATSAPP_CLOUD_VERIFY_TOKEN: env.WHATSAPP_CLOUD_VERIFY_TOKEN,
    WHATSAPP_CLOUD_APP_SECRET: env.WHATSAPP_CLOUD_APP_SECRET,
    WHATSAPP_CLOUD_ACCESS_TOKEN: env.WHATSAPP_CLOUD_ACCESS_TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: env.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
  } as const;
  let whatsappCloud: Config['whatsappCloud'] = null;
  const cloudSet = Object.values(cloudCredentials).some((v) => v !== undefined);
  if (cloudSet) {
    for (const [variable, value] of Object.entries(cloudCredentials)) {
      requireWith(
        variable as keyof Env,
        value,
        'when any WHATSAPP_CLOUD_* credential is set (the Cloud API channel needs all four)',
      );
    }
    const phoneNumberIds = [
      ...new Set(
        (env.WHATSAPP_CLOUD_PHONE_NUMBER_ID ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      ),
    ];
    whatsappCloud = {
      verifyToken: env.WHATSAPP_CLOUD_VERIFY_TOKEN ?? '',
      appSecret: env.WHATSAPP_CLOUD_APP_SECRET ?? '',
      accessToken: env.WHATSAPP_CLOUD_ACCESS_TOKEN ?? '',
      // several business numbers of one app: comma-separated, the first the default sender
      phoneNumberId: phoneNumberIds[0] ?? '',
      phoneNumberIds,
      graphUrl: env.WHATSAPP_CLOUD_GRAPH_URL.replace(/\/+$/, ''),
      apiVersion: env.WHATSAPP_CLOUD_API_VERSION,
      templateName: env.WHATSAPP_CLOUD_TEMPLATE_NAME ?? null,
      templateLanguage: env.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE,
      sendGapMs: env.WHATSAPP_SEND_GAP_MS,
    };
  }

  const openai: Config['openai'] =
    env.OPENAI_API_KEY !== undefined || env.OPENAI_BASE_URL !== undefined
      ? {
          baseUrl: env.OPENAI_BASE_URL ?? null,
          apiKey: env.OPENAI_API_KEY ?? null,
          model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
        }
      : null;

  let exportWebhook: Config['exportWebhook'] = null;
  if (env.ORDERDESK_EXPORT_WEBHOOK_URL !== undefined) {
    requireWith(
      'ORDERDESK_EXPORT_WEBHOOK_SECRET',
      env.ORDERDESK_EXPORT_WEBHOOK_SECRET,
      'when ORDERDESK_EXPORT_WEBHOOK_URL is set (the receiver checks the signature with it)',
    );
    exportWebhook = {
      url: env.ORDERDESK_EXPORT_WEBHOOK_URL,
      secret: env.ORDERDESK_EXPORT_WEBHOOK_SECRET ?? '',
    };
  }

  return {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    port: env.PORT,
    apiToken: env.ORDERDESK_API_TOKEN ?? null,
    defaultRegion: env.ORDERDESK_DEFAULT_REGION,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL,
    imap,
    smtp,
    whatsappWeb,
    whatsappCloud,
    openai,
    exportWebhook,
    exportRetryBaseMs: env.ORDERDESK_EXPORT_RETRY_BASE_MS,
    publicUrl: env.ORDERDESK_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    reviewSla: env.ORDERDESK_REVIEW_SLA_MINUTES,
    files: {
      maxBytes: {
        document: megabytes(env.ORDERDESK_MAX_DOCUMENT_MB),
        image: megabytes(env.ORDERDESK_MAX_IMAGE_MB),
        audio: megabytes(env.ORDERDESK_MAX_AUDIO_MB),
      },
      retentionDays: env.ORDERDESK_FILE_RETENTION_DAYS,
      ocr: {
        command: env.TESSERACT_PATH,
        languages: env.ORDERDESK_OCR_LANGUAGES,
        minConfidence: env.ORDERDESK_OCR_MIN_CONFIDENCE,
      },
      transcription:
        env.OPENAI_TRANSCRIPTION_MODEL === undefined
          ? null
          : {
              baseUrl: env.OPENAI_BASE_URL ?? null,
              apiKey: env.OPENAI_API_KEY ?? null,
              model: env.OPENAI_TRANSCRIPTION_MODEL,
            },
    },
  };
}

const megabytes = (mb: number): number => Math.round(mb * 1024 * 1024);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** `TRUST_PROXY` as Express takes it: off, on, a hop count, or a list of addresses/CIDRs. */
function trustProxyOf(value: string | undefined): boolean | number | string[] {
  if (value === undefined || /^false$/i.test(value)) return false;
  if (/^true$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
