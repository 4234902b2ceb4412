/**
 * The demo data of examples/ loaded into a test database, with the demo's
 * CSV export target writing to a temporary folder (never the checkout).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import type { DB } from '../../src/db/schema.js';
import { loadDemoData, type LoadDemoDataResult } from '../../src/start/load-demo-data.js';
import { TEST_REDIS_URL } from './test-services.js';

export async function loadTestDemoData(db: Kysely<DB>, url: string): Promise<LoadDemoDataResult> {
  const loaded = loadConfig({ DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL });
  if (!loaded.ok) throw new Error('test config is invalid');
  return loadDemoData({
    db,
    config: loaded.config,
    logger: pino({ level: 'silent' }),
    exportFolder: mkdtempSync(path.join(os.tmpdir(), 'orderdesk-demo-exports-')),
  });
}
