/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl from Debian's postgresql-15 binaries,
 * `PG_BIN` to point elsewhere), on a free port, in a temporary folder: a test may restart or stop
 * it without touching the machine's shared server. Run as root, the server runs as `postgres`.
 */
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export interface ScratchPostgres {
  /** A connection string for a database on this cluster (created by `createDatabase`). */
  url(database: string): string;
  /** The same over the cluster's Unix socket (no TCP). */
  socketUrl(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** `pg_ctl restart -m fast`: every connection is cut (57P01), then the server is back. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`, keeping the data: the server is down until `start()`. */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `settings`: more server settings (`-c name=value`), e.g. shared_preload_libraries. */
export async function startScratchPostgres(
  settings: Record<string, string> = {},
): Promise<ScratchPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderdesk-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: as root, run them as the postgres user.
  const pgUser = async (command: string, args: string[]) => {
    if (!asRoot) return run(path.join(PG_BIN, command), args);
    return run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args]);
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, uid, Number(gid.trim()));
  }
  await pgUser('initdb', ['-D', data, '-A', 'trust', '-U', 'root', '--no-sync', '-E', 'UTF8']);
  const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off${extra.join('')}`;
  const ctl = (action: string, ...more: string[]) =>
    pgUser('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      path.join(dir, 'log'),
      '-w',
      action,
      ...more,
    ]);
  await ctl('start');
  const url = (database: string) => `postgres://root@127.0.0.1:${port}/${database}`;
  return {
    url,
    socketUrl: (database) =>
      `postgres://root@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      client.on('error', () => {});
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    async restart() {
      await ctl('restart', '-m', 'fast');
    },
    async halt() {
      await ctl('stop', '-m', 'fast');
    },
    async start() {
      await ctl('start');
    },
    async stop() {
      await ctl('stop', '-m', 'immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
