/**
 * The demo data of examples/ (what `npm start -- --demo` loads) on real
 * PostgreSQL + Redis with the real workers: every file imports cleanly, and a
 * wholesale dealer's order shows what the pricing rules do — the dealer's own
 * list, a quantity slab with the saving, a nudge to the next slab, and free
 * goods from a scheme.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { DEMO_FILES, loadDemoData } from '../../../src/start/load-demo-data.js';
import { useTestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL } from '../../support/http-app.js';
import {
  closeAfterAll,
  repliesTo,
  startPipeline,
  placeWebchatOrder,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;
let summary: string[] = [];

beforeAll(async () => {
  const loaded = loadConfig({ DATABASE_URL: testDb.url, REDIS_URL: TEST_REDIS_URL });
  if (!loaded.ok) throw new Error('test config is invalid');
  const result = await loadDemoData({
    db: testDb.db,
    config: loaded.config,
    logger: pino({ level: 'silent' }),
    exportFolder: mkdtempSync(path.join(os.tmpdir(), 'orderdesk-demo-exports-')),
  });
  if (!result.loaded) throw new Error('the test database was not empty');
  summary = result.summary;
  pipeline = track(startPipeline(testDb.db));
});

const order = (dealer: string, text: string) =>
  placeWebchatOrder(testDb.db, pipeline, dealer, text);

describe('the demo data', () => {
  it('loads every example file', () => {
    const imports = summary.slice(0, DEMO_FILES.length);
    expect(imports.map((line) => line.split(':')[0])).toEqual(DEMO_FILES.map(([kind]) => kind));
    for (const line of imports) expect(line).toMatch(/: \d+ rows? from .*: \d+ inserted/);
    // …then the CSV export target, so confirmed demo orders show the ERP side.
    expect(summary.slice(DEMO_FILES.length)).toEqual([
      expect.stringMatching(/^export: confirmed orders are written as CSV files to \/.+/),
    ]);
  });

  it('prices a wholesale order from its list, with a slab, a nudge and free goods', async () => {
    // D103 is on WHOLESALE: 5010.00 a bucket, 3% off from 10 interior-emulsion buckets
    // (5% from 25: 5 more is close enough to say so); 10 bags of 40 kg putty at
    // 1235.00 bring an 11th free.
    const placed = await order('D103', '20 bucket interior white 20L\n10 bag putty 40kg');
    expect(placed.status).toBe('confirmed');
    const lines = await testDb.db
      .selectFrom('order_lines')
      .select(['sku', 'qty', 'unit_price_minor', 'line_total_minor', 'free'])
      .where('order_id', '=', placed.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      {
        sku: 'VRN-EMI-WHT-20',
        qty: 20,
        unit_price_minor: 4859_70n,
        line_total_minor: 97194_00n,
        free: false,
      },
      {
        sku: 'VRN-PUT-WHT-40',
        qty: 10,
        unit_price_minor: 1235_00n,
        line_total_minor: 12350_00n,
        free: false,
      },
      { sku: 'VRN-PUT-WHT-40', qty: 1, unit_price_minor: 0n, line_total_minor: 0n, free: true },
    ]);
    const [reply] = await repliesTo(testDb.db, 'D103');
    expect(reply).toContain('Total: ₹1,09,544.00');
    // against the list prices: 20 × (5350.00 − 4859.70) + 10 × (1320.00 − 1235.00) + a free
    // bag at 1320.00
    expect(reply).toContain('You saved ₹11,976.00');
    expect(reply).toContain('Tip: add 5 bucket of Interior Emulsion for 5% off');
  });
});
