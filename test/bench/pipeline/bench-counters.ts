/**
 * What `npm run bench` counts around a phase: the service processes' peak
 * RSS, PostgreSQL's transactions and rows (pg_stat_database), statements
 * (pg_stat_statements, when the cluster preloads it) and Redis commands
 * (INFO commandstats).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema.js';

/** VmHWM of a process in MB; 0 when it is gone. */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

export interface PgCounters {
  xacts: number;
  fetched: number;
  returned: number;
  inserted: number;
  updated: number;
  deleted: number;
  /** Sum of pg_stat_statements calls; null when the extension is not loaded. */
  statements: number | null;
  /** Transactions rolled back (a shared parse transaction that failed is rolled back). */
  rollbacks: number;
}

/**
 * Backends publish their counters when idle for a second or at exit, so read
 * these after the service has stopped (or waited) to see all of its work.
 */
export async function pgCounters(db: Kysely<DB>): Promise<PgCounters> {
  const { rows } = await sql<Record<string, string>>`
    SELECT xact_commit + xact_rollback AS xacts, xact_rollback AS rollbacks, tup_fetched AS fetched, tup_returned AS returned,
           tup_inserted AS inserted, tup_updated AS updated, tup_deleted AS deleted
      FROM pg_stat_database WHERE datname = current_database()`.execute(db);
  const r = rows[0]!;
  let statements: number | null;
  try {
    const { rows: s } = await sql<{ calls: string }>`
      SELECT coalesce(sum(calls), 0) AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
    statements = Number(s[0]!.calls);
  } catch {
    statements = null;
  }
  return {
    xacts: Number(r['xacts']),
    fetched: Number(r['fetched']),
    returned: Number(r['returned']),
    inserted: Number(r['inserted']),
    updated: Number(r['updated']),
    deleted: Number(r['deleted']),
    statements,
    rollbacks: Number(r['rollbacks']),
  };
}

/** Calls per Redis command since the server started. */
export async function redisCommandCounts(url: string): Promise<Map<string, number>> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('commandstats');
    const counts = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
      counts.set(match[1]!, Number(match[2]));
    return counts;
  } finally {
    client.disconnect();
  }
}

/** after − before per command, most called first. */
export function commandDelta(
  before: Map<string, number>,
  after: Map<string, number>,
): [string, number][] {
  return [...after]
    .map(([name, calls]): [string, number] => [name, calls - (before.get(name) ?? 0)])
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1]);
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** utime, stime, cutime, cstime of a process (/proc/PID/stat), in seconds; null when gone. */
function procTimes(pid: number): { ppid: number; self: number; reaped: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // after the ")" that ends the command name: state, ppid, … utime is the 12th field on
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]) / TICKS_PER_S;
    return { ppid: Number(fields[1]), self: n(11) + n(12), reaped: n(13) + n(14) };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used so far; 0 when it is gone. */
export function processCpuSeconds(pid: number | undefined): number {
  return pid === undefined ? 0 : (procTimes(pid)?.self ?? 0);
}

/**
 * CPU seconds a PostgreSQL cluster has used so far: the postmaster, the backends that exited
 * (its reaped children) and the ones alive. Null when the cluster is not on this machine.
 */
export async function postgresCpuSeconds(db: Kysely<DB>): Promise<number | null> {
  try {
    const { rows } = await sql<{
      dir: string;
    }>`SELECT current_setting('data_directory') AS dir`.execute(db);
    const postmaster = Number(
      readFileSync(`${rows[0]!.dir}/postmaster.pid`, 'utf8').split('\n')[0],
    );
    const own = procTimes(postmaster);
    if (own === null) return null;
    let total = own.self + own.reaped;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = procTimes(Number(entry));
      if (child?.ppid === postmaster) total += child.self;
    }
    return total;
  } catch {
    return null;
  }
}

/** CPU seconds the Redis server has used so far (INFO cpu). */
export async function redisCpuSeconds(url: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    const info = await redis.info('cpu');
    const read = (name: string) =>
      Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return read('used_cpu_user') + read('used_cpu_sys');
  } finally {
    redis.disconnect();
  }
}
