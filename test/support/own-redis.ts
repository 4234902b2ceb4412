/**
 * A Redis server of the test's own (Debian's redis-server) on a free port,
 * in a temporary folder: a test may flush, stop or restart it without
 * touching the machine's shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface OwnRedis {
  url: string;
  flushAll(): Promise<void>;
  /** Stops the server, keeps it down for `downMs`, starts it again empty. */
  restart(downMs: number): Promise<void>;
  /** Starts a server that is down (after `running: false`). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `running: false` picks the port but leaves the server down until `start()`. */
export async function startOwnRedis(options: { running?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'orderdesk-chaos-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const ping = async () => {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const start = async () => {
    server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    await until(ping, `redis-server on :${port}`);
  };
  const stopServer = async () => {
    const current = server;
    if (current === null || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGKILL');
    await exited;
  };
  if (options.running !== false) await start();
  return {
    url,
    start,
    async flushAll() {
      const client = new Redis(url, { maxRetriesPerRequest: 3 });
      client.on('error', () => {});
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    async restart(downMs) {
      await stopServer();
      await sleep(downMs);
      await start();
    },
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
