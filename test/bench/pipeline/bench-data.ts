/**
 * The master data and messages of `npm run bench`: the 20,000-SKU synthetic
 * catalog of `bench:parse`, 5,000 dealers with WhatsApp numbers, a high credit
 * limit and the default auto-confirm, a RETAIL price for every SKU, loaded
 * through `npm run cli -- import` as an operator would; and order messages of
 * the shapes in synthetic/synthetic-messages.ts sent from those dealers'
 * numbers (WhatsApp) or for their codes (phone transcripts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pino } from 'pino';
import { runCli } from '../../../src/cli/run-cli.js';
import { loadConfig } from '../../../src/config/index.js';
import type { CatalogRow, DealerRow } from '../../../src/master-data/index.js';
import { catalogCsv, generateCatalog } from '../synthetic/synthetic-catalog.js';
import { generateMessages } from '../synthetic/synthetic-messages.js';
import { createRng, type Rng } from '../synthetic/prng.js';

export const SKUS = 20_000;
export const DEALERS = 5_000;

export interface BenchMessage {
  channel: 'whatsapp' | 'transcript';
  dealer: string;
  /** The dealer's WhatsApp number, digits only, as the Cloud API sends `from`. */
  from: string;
  text: string;
}

const OWNERS = ['Sharma', 'Gupta', 'Patel', 'Singh', 'Reddy', 'Iyer', 'Khan', 'Das', 'Joshi'];
const KINDS = ['Stores', 'Traders', 'Electricals', 'Agencies', 'Kirana', 'Hardware', 'Mart'];
const TOWNS = ['Pune', 'Nashik', 'Nagpur', 'Aurangabad', 'Kolhapur', 'Solapur', 'Satara'];

export function generateCatalogRows(): CatalogRow[] {
  return generateCatalog({ skus: SKUS, seed: 20_000 });
}

/** Dealers D00001..: one mobile number each, a limit no burst of orders reaches. */
export function generateDealers(count = DEALERS): DealerRow[] {
  const rng = createRng(5_000);
  return Array.from({ length: count }, (_, i) => ({
    code: `D${String(i + 1).padStart(5, '0')}`,
    name: `${rng.pick(OWNERS)} ${rng.pick(KINDS)} ${i + 1}`,
    phones: [`+91${9_100_000_000 + i * 7_919}`],
    emails: [],
    region: rng.pick(TOWNS),
    priceList: 'RETAIL',
    creditLimitMinor: 10_000_000_000n,
    outstandingMinor: 0n,
  }));
}

const UNIT_WORDS: Record<string, string[]> = {
  case: ['case', 'cases'],
  box: ['box', 'boxes'],
  carton: ['carton', 'ctn'],
  bag: ['bag', 'bags'],
  roll: ['roll', 'rolls'],
  bundle: ['bundle', 'bundles'],
  bucket: ['bucket', 'buckets'],
  drum: ['drum', 'drums'],
  tin: ['tin', 'tins'],
  strip: ['strip', 'strips'],
  piece: ['pcs', 'nos'],
};

/** A dealer who knows the catalog: full or compact product names, 1-4 lines. */
function clearOrder(rng: Rng, catalog: readonly CatalogRow[]): string {
  const lines = Array.from({ length: rng.int(1, 4) }, () => {
    const row = rng.pick(catalog);
    // Not SKU codes: the synthetic codes (VIR174-BIS-100G-01) read as numbers and go to review.
    const name = rng.chance(0.5)
      ? row.name
      : row.name.toLowerCase().replace(/(\d) (g|kg|ml|l|mm|w)\b/g, '$1$2');
    const unit = rng.pick(UNIT_WORDS[row.unit] ?? [row.unit]);
    return { name, qty: rng.int(1, 20), unit };
  });
  switch (rng.int(0, 3)) {
    case 0:
      return lines.map((l, i) => `${i + 1}) ${l.name} - ${l.qty} ${l.unit}`).join('\n');
    case 1:
      return lines.map((l) => `${l.qty} ${l.unit} ${l.name}`).join('\n');
    case 2:
      return `Please send ${lines.map((l) => `${l.qty} ${l.unit} ${l.name}`).join(', ')}. Thanks`;
    default:
      return lines.map((l) => `${l.name} ${l.qty} ${l.unit}`).join(', ');
  }
}

/**
 * `count` messages from known dealers: `clearShare` of them clear orders, the
 * rest the synthetic generator's harder WhatsApp shapes (partial names,
 * typos, balance and status questions) without its emails, reps and unknown
 * numbers, which this intake does not take. Every `transcriptEvery`-th
 * message is a phone transcript.
 */
export function generateBenchMessages(
  count: number,
  seed: number,
  catalog: readonly CatalogRow[],
  dealers: readonly DealerRow[],
  options: { clearShare?: number; transcriptEvery?: number } = {},
): BenchMessage[] {
  const { clearShare = 0.9, transcriptEvery = 5 } = options;
  const rng = createRng(seed);
  const byPhone = new Map(dealers.map((d) => [d.phones[0]!, d]));
  const hard = generateMessages({
    count: count * 2,
    seed: seed + 1,
    catalog,
    directory: { dealers: [...dealers], reps: [] },
  }).filter((m) => m.channel !== 'email' && byPhone.has(m.from ?? ''));
  return Array.from({ length: count }, (_, i) => {
    const sample = rng.chance(clearShare) ? null : hard[i % hard.length]!;
    const dealer = sample === null ? rng.pick(dealers) : byPhone.get(sample.from!)!;
    return {
      channel: i % transcriptEvery === transcriptEvery - 1 ? 'transcript' : 'whatsapp',
      dealer: dealer.code,
      from: dealer.phones[0]!.replace(/^\+/, ''),
      text: sample?.text ?? clearOrder(rng, catalog),
    };
  });
}

function dealersCsv(rows: readonly DealerRow[]): string {
  const money = (minor: bigint | null) =>
    minor === null ? '' : `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
  const lines = rows.map((d) =>
    [
      d.code,
      d.name,
      d.phones.join('|'),
      d.emails.join('|'),
      d.region ?? '',
      d.priceList ?? '',
      money(d.creditLimitMinor),
      money(d.outstandingMinor),
    ].join(','),
  );
  return `code,name,phones,emails,region,price_list,credit_limit,outstanding\n${lines.join('\n')}\n`;
}

/** RETAIL at 95% of the catalog price, effective from 2020: every line finds a list price. */
function pricesCsv(rows: readonly CatalogRow[]): string {
  const lines = rows.map((r) => {
    const minor = (r.priceMinor * 95n) / 100n;
    return `RETAIL,${r.sku},${minor / 100n}.${String(minor % 100n).padStart(2, '0')},2020-01-01,`;
  });
  return `price_list,sku,price,effective_from,effective_to\n${lines.join('\n')}\n`;
}

/** Loads catalog, dealers and prices into `databaseUrl` with the import command. */
export async function importMasterData(
  databaseUrl: string,
  catalog: readonly CatalogRow[],
  dealers: readonly DealerRow[],
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orderdesk-bench-data-'));
  try {
    const files = [
      ['catalog', 'catalog.csv', catalogCsv(catalog)],
      ['dealers', 'dealers.csv', dealersCsv(dealers)],
      ['prices', 'prices.csv', pricesCsv(catalog)],
    ] as const;
    const config = loadConfig({ DATABASE_URL: databaseUrl });
    for (const [kind, file, text] of files) {
      writeFileSync(path.join(dir, file), text);
      let output = '';
      const sink = new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          output += chunk.toString();
          callback();
        },
      });
      const code = await runCli(['import', kind, path.join(dir, file)], {
        stdin: new PassThrough(),
        stdout: sink,
        stderr: sink,
        log: pino({ level: 'silent' }),
        config,
      });
      if (code !== 0) throw new Error(`bench: import ${kind} failed:\n${output.slice(0, 2_000)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
