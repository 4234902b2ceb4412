/**
 * `npm start -- --demo`: when the database holds no dealers and no products,
 * loads the sample catalog, dealers, reps, wholesale prices, slabs and
 * schemes from examples/ through the same code path as `npm run cli --
 * import` (validation, all-or-nothing upserts), and adds an export target
 * writing each confirmed order as a CSV file to ./exports.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { runCli } from '../cli/run-cli.js';
import type { FrozenConfig } from '../config/index.js';
import type { DB } from '../db/schema.js';
import { upsertExportTarget } from '../repositories/export.repository.js';
import { createUser } from '../services/users.js';
import { randomBytes } from 'node:crypto';

/** The files loaded, in dependency order (reps name dealers; schemes name lists and regions). */
export const DEMO_FILES = [
  ['catalog', 'catalog.csv'],
  ['dealers', 'dealers.csv'],
  ['reps', 'reps.csv'],
  ['prices', 'prices.csv'],
  ['slabs', 'slabs.csv'],
  ['schemes', 'schemes.csv'],
] as const;

export type LoadDemoDataResult =
  | { loaded: false; reason: 'not_empty' }
  | {
      loaded: true;
      summary: string[];
      /** A console admin made for the demo; null when the database had users already. */
      consoleLogin: { email: string; password: string } | null;
    };

/**
 * The project's examples/ folder: found by walking up from this file, so it
 * works from src/ under tsx and from dist/src/ under node.
 */
export function findExamplesDir(
  start: string = path.dirname(fileURLToPath(import.meta.url)),
): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'examples');
    if (existsSync(path.join(candidate, 'catalog.csv'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the examples/ folder with catalog.csv');
    dir = parent;
  }
}

export interface LoadDemoDataInput {
  db: Kysely<DB>;
  config: FrozenConfig;
  logger: Logger;
  /** Default: the project's examples/. */
  examplesDir?: string;
  /** Where the demo's CSV export target writes. Default `./exports` of the working directory. */
  exportFolder?: string;
}

export const DEMO_EXPORT_FOLDER = 'exports';

export class DemoDataError extends Error {
  override readonly name = 'DemoDataError';
}

export async function loadDemoData(input: LoadDemoDataInput): Promise<LoadDemoDataResult> {
  const { rows } = await sql<{ empty: boolean }>`
    SELECT NOT EXISTS (SELECT 1 FROM dealers) AND NOT EXISTS (SELECT 1 FROM products) AS empty
  `.execute(input.db);
  if (rows[0]?.empty !== true) return { loaded: false, reason: 'not_empty' };

  const dir = input.examplesDir ?? findExamplesDir();
  const summary: string[] = [];
  for (const [kind, file] of DEMO_FILES) {
    const out = collect();
    const err = collect();
    const code = await runCli(['import', kind, path.join(dir, file)], {
      stdin: new PassThrough(),
      stdout: out.stream,
      stderr: err.stream,
      log: input.logger,
      config: { ok: true, config: input.config },
    });
    if (code !== 0) {
      throw new DemoDataError(`loading the demo ${kind} failed:\n${err.text() || out.text()}`);
    }
    summary.push(out.text().trim());
  }
  // Confirmed demo orders are exported as CSV files, one per order, to see the ERP side work.
  const folder = path.resolve(input.exportFolder ?? DEMO_EXPORT_FOLDER);
  await upsertExportTarget(input.db, { name: 'demo csv', kind: 'csv', config: { folder } });
  summary.push(`export: confirmed orders are written as CSV files to ${folder}`);
  return { loaded: true, summary, consoleLogin: await demoConsoleLogin(input.db) };
}

/** The demo's console admin, made when the database has no user yet (a fresh password each time). */
export const DEMO_ADMIN_EMAIL = 'admin@demo.example';

async function demoConsoleLogin(
  db: Kysely<DB>,
): Promise<{ email: string; password: string } | null> {
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return null;
  const password = randomBytes(9).toString('base64url');
  await createUser(db, { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', role: 'admin', password });
  return { email: DEMO_ADMIN_EMAIL, password };
}

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}
