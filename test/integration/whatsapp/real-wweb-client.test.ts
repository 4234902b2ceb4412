/**
 * The real whatsapp-web.js Client built with our options, so import and
 * option mistakes surface here rather than on a dealer's first message:
 * in vitest, and once compiled and run under plain node (CommonJS default
 * import). WhatsApp is unreachable from here: initialize() launches Debian's
 * Chromium and must reject quickly without crashing the process; the
 * adapter then reports `disconnected` and schedules a reconnect.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wweb from 'whatsapp-web.js';
import { afterAll, describe, expect, it } from 'vitest';
import { pgSendPacer } from '../../../src/channels/send-pacer.js';
import { createWhatsappWebChannel } from '../../../src/channels/whatsapp-web/whatsapp-web-channel.js';
import {
  createWwebClient,
  wwebClientOptions,
} from '../../../src/channels/whatsapp-web/wweb-client.js';
import { useTestDatabase } from '../../support/database.js';
import { silentLog, waitFor } from '../../support/pipeline.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = '/usr/bin/chromium';
const sessionDir = mkdtempSync(path.join(tmpdir(), 'orderdesk-wweb-'));
const testDb = useTestDatabase();

afterAll(() => rmSync(sessionDir, { recursive: true, force: true }));

describe('the real whatsapp-web.js Client', () => {
  it('is built with LocalAuth in the session folder, Debian Chromium and the sandbox flags', () => {
    const client = createWwebClient({ sessionDir, chromiumPath: CHROMIUM, noSandbox: true });
    expect(client).toBeInstanceOf(wweb.Client);
    const options = (client as unknown as { options: ReturnType<typeof wwebClientOptions> })
      .options;
    expect(options.authStrategy).toBeInstanceOf(wweb.LocalAuth);
    expect((options.authStrategy as unknown as { dataPath: string }).dataPath).toBe(sessionDir);
    expect(options.puppeteer.executablePath).toBe(CHROMIUM);
    expect(options.puppeteer.args).toContain('--no-sandbox');
    expect(
      wwebClientOptions({ sessionDir, chromiumPath: CHROMIUM, noSandbox: false }).puppeteer.args,
    ).not.toContain('--no-sandbox');
  });

  it('initialize() with no network fails fast; the adapter reports it and schedules a reconnect', async () => {
    const channel = createWhatsappWebChannel(
      {
        db: testDb.db,
        ingest: () => Promise.reject(new Error('no messages expected')),
        createClient: () => createWwebClient({ sessionDir, chromiumPath: CHROMIUM }),
        pacer: pgSendPacer({ db: testDb.db }),
        log: silentLog,
      },
      { reconnectInitialMs: 60_000 },
    );
    const started = Date.now();
    channel.start();
    try {
      await waitFor(async () => channel.state().state === 'disconnected', {
        timeoutMs: 25_000,
        what: 'initialize to fail',
      });
      expect(channel.state().detail).toMatch(/^initialize failed: /);
      expect(Date.now() - started).toBeLessThan(25_000);
    } finally {
      await channel.stop();
    }
    expect(channel.state().state).toBe('stopped');
  });

  it('imports and constructs under plain node once compiled (CommonJS default import)', () => {
    const out = path.join(ROOT, 'test-artifacts', `wweb-${process.pid}-${Date.now()}`);
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawnSync(
      process.execPath,
      [
        tsc,
        path.join(ROOT, 'src/channels/whatsapp-web/wweb-client.ts'),
        '--outDir',
        out,
        '--rootDir',
        ROOT,
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--esModuleInterop',
        '--skipLibCheck',
        '--types',
        'node',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(build.stderr + build.stdout).toBe('');
    try {
      const script = `
        import { createWwebClient } from ${JSON.stringify(path.join(out, 'src/channels/whatsapp-web/wweb-client.js'))};
        const client = createWwebClient({ sessionDir: ${JSON.stringify(sessionDir)}, chromiumPath: '${CHROMIUM}' });
        const timer = setTimeout(() => { console.log('timeout'); process.exit(3); }, 25000);
        client.initialize().then(
          () => console.log('initialized?!'),
          (error) => console.log('rejected:', String(error.message).split('\\n')[0]),
        ).finally(async () => { await client.destroy().catch(() => {}); clearTimeout(timer); console.log('exited cleanly'); });
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 40_000,
      });
      expect(run.stderr).not.toMatch(/SyntaxError|does not provide an export/);
      expect(run.stdout).toMatch(/^rejected: /m);
      expect(run.stdout).toContain('exited cleanly');
      expect(run.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
