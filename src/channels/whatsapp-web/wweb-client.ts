/**
 * The slice of whatsapp-web.js's `Client` the adapter uses, and the factory
 * that builds the real one. Keeping the adapter on this narrow interface
 * lets tests drive it with a stand-in that emits the library's events with
 * the library's shapes (WhatsApp itself cannot be reached from a test).
 *
 * whatsapp-web.js is CommonJS: named ESM imports pass tsc but crash under
 * plain node, hence the default import and destructuring.
 */
import wweb from 'whatsapp-web.js';

const { Client, LocalAuth } = wweb;

/** What `downloadMedia()` resolves to (the library's MessageMedia). */
export interface WwebMedia {
  mimetype: string;
  /** base64 */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

/** The fields of a library `Message` the adapter reads. */
export interface WwebMessage {
  id: { _serialized: string; fromMe: boolean };
  /** `<number>@c.us`, `<lid>@lid`, `<id>@g.us` (group), `status@broadcast`. */
  from: string;
  /** In a group: the participant who wrote it. */
  author?: string | undefined;
  body: string;
  /** `chat`, `document`, `image`, `ptt` (voice note), `audio`, `video`, ... */
  type: string;
  /** Unix seconds. */
  timestamp: number;
  fromMe: boolean;
  isStatus?: boolean | undefined;
  broadcast?: boolean | undefined;
  hasMedia: boolean;
  downloadMedia(): Promise<WwebMedia | undefined>;
  getContact?(): Promise<{ number?: string | null }>;
}

/**
 * Events: `qr` (string), `authenticated`, `auth_failure` (message),
 * `ready`, `disconnected` (reason), `message` (Message), `message_ack`
 * (Message, ack number).
 */
export interface WwebClient {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  initialize(): Promise<void>;
  sendMessage(chatId: string, content: string): Promise<{ id: { _serialized: string } }>;
  destroy(): Promise<void>;
}

export interface WwebClientOptions {
  /** LocalAuth folder: the session survives restarts here. */
  sessionDir: string;
  /** Debian's Chromium; puppeteer never downloads one (.puppeteerrc.cjs). */
  chromiumPath: string;
  /** Chromium's sandbox does not run as root. Default: `process.getuid() === 0`. */
  noSandbox?: boolean;
}

/** The options handed to the library's Client (exported so a test can check them). */
export function wwebClientOptions(options: WwebClientOptions) {
  const noSandbox = options.noSandbox ?? process.getuid?.() === 0;
  return {
    authStrategy: new LocalAuth({ dataPath: options.sessionDir }),
    puppeteer: {
      executablePath: options.chromiumPath,
      headless: true,
      args: [
        ...(noSandbox ? ['--no-sandbox', '--disable-setuid-sandbox'] : []),
        '--disable-dev-shm-usage',
        '--disable-gpu',
      ],
    },
  };
}

export function createWwebClient(options: WwebClientOptions): WwebClient {
  return new Client(wwebClientOptions(options));
}
