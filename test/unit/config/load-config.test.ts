import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireConfig } from '../../../src/config/index.js';

const valid = (env: Record<string, string | undefined>) => {
  const result = loadConfig(env);
  if (!result.ok)
    throw new Error(`expected a valid config, got ${JSON.stringify(result.problems)}`);
  return result.config;
};

describe('loadConfig', () => {
  it('applies every default to an empty environment', () => {
    expect(valid({})).toEqual({
      databaseUrl: 'postgres://root@127.0.0.1:5432/orderdesk',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      apiToken: null,
      defaultRegion: 'IN',
      trustProxy: false,
      logLevel: 'info',
      imap: null,
      smtp: null,
      whatsappWeb: null,
      whatsappCloud: null,
      openai: null,
      exportWebhook: null,
      exportRetryBaseMs: 2000,
      publicUrl: null,
      reviewSla: { warn: 15, late: 60 },
      files: {
        maxBytes: { document: 10 * 1024 * 1024, image: 10 * 1024 * 1024, audio: 16 * 1024 * 1024 },
        retentionDays: 90,
        ocr: { command: 'tesseract', languages: 'eng+hin', minConfidence: 80 },
        transcription: null,
      },
    });
  });

  it('takes the review SLA minutes, and refuses a pair out of order', () => {
    const ok = loadConfig({ DATABASE_URL: 'postgres://x', ORDERDESK_REVIEW_SLA_MINUTES: '10, 30' });
    expect(ok.ok && ok.config.reviewSla).toEqual({ warn: 10, late: 30 });
    const bad = loadConfig({ DATABASE_URL: 'postgres://x', ORDERDESK_REVIEW_SLA_MINUTES: '30,10' });
    expect(bad.ok).toBe(false);
  });

  it('takes the public address for portal links, without a trailing slash', () => {
    const ok = loadConfig({
      DATABASE_URL: 'postgres://x',
      ORDERDESK_PUBLIC_URL: 'https://orders.example.test/',
    });
    expect(ok.ok && ok.config.publicUrl).toBe('https://orders.example.test');
    const bad = loadConfig({ DATABASE_URL: 'postgres://x', ORDERDESK_PUBLIC_URL: 'ftp://x' });
    expect(bad.ok).toBe(false);
  });

  it('takes the export retry wait, and refuses one out of range', () => {
    const ok = loadConfig({ DATABASE_URL: 'postgres://x', ORDERDESK_EXPORT_RETRY_BASE_MS: '250' });
    expect(ok.ok && ok.config.exportRetryBaseMs).toBe(250);
    const bad = loadConfig({ DATABASE_URL: 'postgres://x', ORDERDESK_EXPORT_RETRY_BASE_MS: '5' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual([
        expect.objectContaining({
          variable: 'ORDERDESK_EXPORT_RETRY_BASE_MS',
          message: expect.stringContaining('must be from 100 to 600000'),
        }),
      ]);
  });

  it('treats empty strings as unset', () => {
    expect(valid({ PORT: '', DATABASE_URL: ' ', IMAP_HOST: '' })).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://root@127.0.0.1:5432/orderdesk',
      imap: null,
    });
  });

  it('reads every variable of the operations contract', () => {
    const config = valid({
      DATABASE_URL: 'postgresql://u:p@db:5433/od',
      REDIS_URL: 'redis://cache:6380/2',
      PORT: '8080',
      ORDERDESK_API_TOKEN: 'tok',
      ORDERDESK_DEFAULT_REGION: 'ae',
      LOG_LEVEL: 'DEBUG',
      IMAP_HOST: 'mail',
      IMAP_PORT: '1143',
      IMAP_USER: 'orders',
      IMAP_PASSWORD: 'pw',
      IMAP_TLS: 'false',
      IMAP_MAILBOX: 'Orders',
      SMTP_URL: 'smtp://u:p@mail:587',
      MAIL_FROM: 'Orders <orders@example.com>',
      WHATSAPP_WEB_ENABLED: 'true',
      WHATSAPP_WEB_SESSION_DIR: '/var/lib/od/wweb',
      CHROMIUM_PATH: '/opt/chrome',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'v',
      WHATSAPP_CLOUD_APP_SECRET: 's',
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'a',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '123',
      WHATSAPP_CLOUD_GRAPH_URL: 'http://127.0.0.1:9999/',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'llama3',
      ORDERDESK_EXPORT_WEBHOOK_URL: 'https://erp.example.test/hooks/orders',
      ORDERDESK_EXPORT_WEBHOOK_SECRET: 'erp-shared-secret',
      OPENAI_TRANSCRIPTION_MODEL: 'whisper-small',
      ORDERDESK_MAX_DOCUMENT_MB: '2.5',
      ORDERDESK_MAX_IMAGE_MB: '8',
      ORDERDESK_FILE_RETENTION_DAYS: '30',
      TESSERACT_PATH: '/usr/local/bin/tesseract',
      ORDERDESK_OCR_LANGUAGES: 'eng',
      ORDERDESK_OCR_MIN_CONFIDENCE: '90',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://u:p@db:5433/od',
      redisUrl: 'redis://cache:6380/2',
      port: 8080,
      apiToken: 'tok',
      defaultRegion: 'AE',
      trustProxy: false,
      logLevel: 'debug',
      imap: {
        host: 'mail',
        port: 1143,
        user: 'orders',
        password: 'pw',
        tls: false,
        mailbox: 'Orders',
        authservId: null,
      },
      smtp: { url: 'smtp://u:p@mail:587', from: 'Orders <orders@example.com>' },
      whatsappWeb: {
        sessionDir: '/var/lib/od/wweb',
        chromiumPath: '/opt/chrome',
        allowGroups: false,
        sendGapMs: 1000,
      },
      whatsappCloud: {
        verifyToken: 'v',
        appSecret: 's',
        accessToken: 'a',
        phoneNumberId: '123',
        phoneNumberIds: ['123'],
        graphUrl: 'http://127.0.0.1:9999',
        apiVersion: 'v21.0',
        templateName: null,
        templateLanguage: 'en',
        sendGapMs: 1000,
      },
      openai: { baseUrl: 'http://127.0.0.1:11434/v1', apiKey: null, model: 'llama3' },
      exportWebhook: {
        url: 'https://erp.example.test/hooks/orders',
        secret: 'erp-shared-secret',
      },
      exportRetryBaseMs: 2000,
      publicUrl: null,
      reviewSla: { warn: 15, late: 60 },
      files: {
        maxBytes: { document: 2.5 * 1024 * 1024, image: 8 * 1024 * 1024, audio: 16 * 1024 * 1024 },
        retentionDays: 30,
        ocr: { command: '/usr/local/bin/tesseract', languages: 'eng', minConfidence: 90 },
        transcription: {
          baseUrl: 'http://127.0.0.1:11434/v1',
          apiKey: null,
          model: 'whisper-small',
        },
      },
    });
  });

  it('reads several WhatsApp Cloud business numbers, the first the default sender', () => {
    const cloud = valid({
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'v',
      WHATSAPP_CLOUD_APP_SECRET: 's',
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'a',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: ' 111, 222 ,111,',
    }).whatsappCloud;
    expect(cloud?.phoneNumberId).toBe('111');
    expect(cloud?.phoneNumberIds).toEqual(['111', '222']);
  });

  it('defaults IMAP port, TLS and mailbox when IMAP_HOST is set', () => {
    expect(valid({ IMAP_HOST: 'mail', IMAP_USER: 'u', IMAP_PASSWORD: 'p' }).imap).toEqual({
      host: 'mail',
      port: 993,
      user: 'u',
      password: 'p',
      tls: true,
      mailbox: 'INBOX',
      authservId: null,
    });
  });

  it.each<[string, boolean | number | string[]]>([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
  ])('reads TRUST_PROXY=%s for the proxies in front', (value, trustProxy) => {
    expect(valid({ TRUST_PROXY: value }).trustProxy).toEqual(trustProxy);
  });

  it('returns a frozen config', () => {
    const config = valid({ IMAP_HOST: 'mail', IMAP_USER: 'u', IMAP_PASSWORD: 'p' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.imap)).toBe(true);
  });

  it('lists every problem at once, naming the variable', () => {
    const result = loadConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x/y',
      LOG_LEVEL: 'loud',
      IMAP_TLS: 'maybe',
      ORDERDESK_DEFAULT_REGION: 'India',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'IMAP_TLS',
      'LOG_LEVEL',
      'ORDERDESK_DEFAULT_REGION',
      'PORT',
    ]);
    expect(result.problems.find((p) => p.variable === 'PORT')?.message).toBe(
      'must be a whole number between 0 and 65535 (got "eighty")',
    );
  });

  it('never echoes a secret value', () => {
    const result = loadConfig({ DATABASE_URL: 'not a url with password hunter2' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).not.toContain('hunter2');
  });

  it('rejects a port above 65535', () => {
    expect(loadConfig({ PORT: '70000' }).ok).toBe(false);
  });

  it('requires the IMAP credentials when IMAP_HOST is set', () => {
    const result = loadConfig({ IMAP_HOST: 'mail' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { variable: 'IMAP_USER', message: 'must be set when IMAP_HOST is set' },
        { variable: 'IMAP_PASSWORD', message: 'must be set when IMAP_HOST is set' },
      ],
    });
  });

  it('requires MAIL_FROM with SMTP_URL', () => {
    const result = loadConfig({ SMTP_URL: 'smtp://mail:25' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable)).toEqual(['MAIL_FROM']);
  });

  it('requires all four Cloud API credentials once one is set', () => {
    const result = loadConfig({ WHATSAPP_CLOUD_VERIFY_TOKEN: 'v' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable)).toEqual([
      'WHATSAPP_CLOUD_APP_SECRET',
      'WHATSAPP_CLOUD_ACCESS_TOKEN',
      'WHATSAPP_CLOUD_PHONE_NUMBER_ID',
    ]);
  });

  it('turns the LLM on with a key alone and a default model', () => {
    expect(valid({ OPENAI_API_KEY: 'sk-x' }).openai).toEqual({
      baseUrl: null,
      apiKey: 'sk-x',
      model: 'gpt-4o-mini',
    });
  });
});

describe('requireConfig', () => {
  it('throws a ConfigError whose message lists every problem', () => {
    let error: unknown;
    try {
      requireConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.problems).toHaveLength(2);
    expect(configError.message).toBe(
      [
        'Invalid configuration (2 problems):',
        '  - PORT: must be a whole number between 0 and 65535 (got "x")',
        '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      ].join('\n'),
    );
  });
});

describe('the export webhook settings', () => {
  it('needs the secret whenever the URL is set, and never echoes it', () => {
    const missing = loadConfig({ ORDERDESK_EXPORT_WEBHOOK_URL: 'https://erp.example.test/h' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.problems).toContainEqual({
        variable: 'ORDERDESK_EXPORT_WEBHOOK_SECRET',
        message: expect.stringContaining('must be set when ORDERDESK_EXPORT_WEBHOOK_URL is set'),
      });
    }
    const badUrl = loadConfig({
      ORDERDESK_EXPORT_WEBHOOK_URL: 'ftp://erp',
      ORDERDESK_EXPORT_WEBHOOK_SECRET: 'not-shown-anywhere',
    });
    expect(JSON.stringify(badUrl)).not.toContain('not-shown-anywhere');
    expect(badUrl.ok).toBe(false);
  });
});
