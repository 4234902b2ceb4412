/**
 * The service as deployed: compiled with tsc (tsconfig.build.json) and run
 * under plain node, not tsx or vitest, so an ESM/CommonJS import mistake
 * (a named import from a CommonJS package) fails here instead of in
 * production. Also checks start-up: migrating a fresh database, --demo with
 * a generated token, exit 2 on bad configuration, clean SIGTERM shutdown,
 * and the supervisor that restarts a service killed after start-up.
 * The API role posts nothing here, so it writes no queue keys to Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../console/console-support.js';
import { createEmptyDatabase } from '../../support/database.js';
import { deleteRedisPrefix, request, TEST_REDIS_URL } from '../../support/http-app.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT_DIR = path.join(ROOT, 'test-artifacts', `build-${randomBytes(4).toString('hex')}`);
const MAIN = path.join(OUT_DIR, 'src', 'main.js');

let emptyDb: Awaited<ReturnType<typeof createEmptyDatabase>>;
const children: ChildProcess[] = [];

beforeAll(() => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', OUT_DIR, '--sourceMap', 'false'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}, 120_000);

beforeAll(async () => {
  emptyDb = await createEmptyDatabase();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await emptyDb?.destroy();
  rmSync(OUT_DIR, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runBuilt(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN, ...args], {
    // The build folder, removed after: the demo's CSV export target writes under ./exports.
    cwd: OUT_DIR,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(
  started: Started,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(started.stdout());
    if (match) return match;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `did not print ${String(pattern)} (exit ${started.child.exitCode})\nstdout:\n${started.stdout()}\nstderr:\n${started.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the built service under plain node', () => {
  it('--role api --demo migrates a fresh database, loads examples/, serves /health and the API, stops on SIGTERM', async () => {
    const started = runBuilt(['--role', 'api', '--demo'], {
      DATABASE_URL: emptyDb.url,
      REDIS_URL: TEST_REDIS_URL,
      PORT: '0',
    });
    const [, baseUrl] = await waitFor(started, /listening on (http:\/\/localhost:\d+)/);
    const [, token] = await waitFor(started, /API token: (\S+)/);
    expect(started.stdout()).toMatch(/Web chat: +http:\/\/localhost:\d+\/chat/);
    expect(started.stdout()).toMatch(/dealers: 8 rows/);

    const health = await request(baseUrl!, 'GET', '/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });

    const credit = await request(baseUrl!, 'GET', '/api/dealers/D101/credit', { token: token! });
    expect(credit.status).toBe(200);
    expect(credit.body).toMatchObject({ limit: '250000.00', outstanding: '42000.00' });
    expect((await request(baseUrl!, 'GET', '/api/orders', { token: 'wrong' })).status).toBe(401);

    const page = await request(baseUrl!, 'GET', '/chat', { token: null });
    expect(page.status).toBe(200);

    // The demo made a console admin and printed its login: it signs in.
    const [, email, password] = await waitFor(started, /Console login: (\S+) \/ (\S+)/);
    expect(email).toBe('admin@demo.example');
    const signedIn = await new ConsoleClient(baseUrl!).login(email!, password!);
    expect(signedIn.status).toBe(303);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(started.stderr()).toBe('');
  }, 60_000);

  it('runs API and workers in one process: a web chat order gets its reply', async () => {
    // A Redis database of its own: the built service uses the default queue
    // prefix, which must not meet a developer's running instance on db 0.
    const redisUrl = `${TEST_REDIS_URL.replace(/\/\d+$/, '')}/${1 + Math.floor(Math.random() * 15)}`;
    const demoDb = await createEmptyDatabase();
    try {
      const started = runBuilt(['--demo'], {
        DATABASE_URL: demoDb.url,
        REDIS_URL: redisUrl,
        PORT: '0',
        ORDERDESK_API_TOKEN: 'built-service-token',
      });
      const [, baseUrl] = await waitFor(started, /listening on (http:\/\/localhost:\d+)/);
      await waitFor(started, /Workers: +parse, validate, notify/);
      expect(started.stdout()).toContain('API token: the value of ORDERDESK_API_TOKEN');
      const token = 'built-service-token';
      const posted = await request(baseUrl!, 'POST', '/api/webchat/messages', {
        token,
        json: { dealer: 'D101', text: '2 bucket interior white 20L' },
      });
      expect(posted.status).toBe(202);
      await expect
        .poll(
          async () => {
            const res = await request(baseUrl!, 'GET', '/api/webchat/messages?dealer=D101', {
              token,
            });
            return (res.body as { messages: { direction: string; text: string }[] }).messages;
          },
          { timeout: 20_000, interval: 200 },
        )
        .toEqual([
          expect.objectContaining({ direction: 'in' }),
          expect.objectContaining({ direction: 'out', text: expect.stringMatching(/confirmed/i) }),
        ]);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      const { Redis } = await import('ioredis');
      const redis = new Redis(redisUrl);
      await deleteRedisPrefix(redis, '{orderdesk}');
      await redis.quit();
      await demoDb.destroy();
    }
  }, 60_000);

  it('prints every configuration problem and exits 2, without a stack trace', async () => {
    const started = runBuilt([], { PORT: 'eighty', REDIS_URL: 'http://nope' });
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toContain('PORT: must be a whole number');
    expect(started.stderr()).toContain('REDIS_URL: must be a Redis URL');
    expect(started.stderr()).not.toMatch(/^\s+at /m);
  });

  it('exits 1 with a clear message when PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const started = runBuilt(['--role', 'api'], {
      DATABASE_URL: `postgres://root@127.0.0.1:${port}/orderdesk`,
      PORT: '0',
    });
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect(started.stderr()).not.toMatch(/^\s+at /m);
  });

  it('rejects an unknown role with usage and exit 2', async () => {
    const started = runBuilt(['--role', 'everything'], {});
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toContain('--role must be api or worker');
  });
});

/** The child processes of a pid, from /proc (the supervisor forks exactly one). */
function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\s+/)
    .filter((p) => p !== '')
    .map(Number);
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}/status`) &&
  !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

describe('the supervisor npm start runs', () => {
  it('restarts a service killed with SIGKILL after start-up; a killed supervisor takes its child down', async () => {
    const port = await closedPort();
    const started = runBuilt(['--role', 'api'], {
      DATABASE_URL: emptyDb.url,
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(port),
    });
    await waitFor(started, /listening on/);
    const supervisor = started.child.pid!;
    const [first] = childPids(supervisor);
    expect(first).toBeGreaterThan(0);

    process.kill(first!, 'SIGKILL');
    await expect
      .poll(() => started.stderr(), { timeout: 10_000 })
      .toMatch(new RegExp(`pid ${first}\\) stopped \\(SIGKILL\\); restarting in 500 ms`));
    await expect
      .poll(
        async () =>
          (
            await request(`http://127.0.0.1:${port}`, 'GET', '/health', { token: null }).catch(
              () => ({ status: 0 }),
            )
          ).status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe(200);
    const [second] = childPids(supervisor);
    expect(second).not.toBe(first);
    expect(started.child.exitCode).toBeNull();

    started.child.kill('SIGKILL');
    await expect.poll(() => alive(second!), { timeout: 15_000, interval: 100 }).toBe(false);
  }, 60_000);

  it('--no-supervise runs the service in the process itself', async () => {
    const started = runBuilt(['--role', 'api', '--no-supervise'], {
      DATABASE_URL: emptyDb.url,
      REDIS_URL: TEST_REDIS_URL,
      PORT: '0',
    });
    await waitFor(started, /listening on/);
    expect(childPids(started.child.pid!)).toEqual([]);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  }, 60_000);
});
