/**
 * `import catalog|dealers|reps|prices|schemes|slabs FILE`: loads a master-data CSV and
 * upserts it in ONE transaction. All or nothing: a file with any problem (in
 * its cells, or against the database: a rep's unknown dealer, a price's
 * unknown SKU) changes nothing, and every problem is listed on stderr with
 * its file, line, column and value; exit 2. Schemes and slabs name SKUs,
 * brands, categories, dealers and price lists that must already be on file. Importing the same file again
 * writes nothing. Migrates the database first.
 */
import { parseArgs } from 'node:util';
import { sql, type Transaction } from 'kysely';
import { formatConfigProblems } from '../../config/index.js';
import { describeStartupError, openDatabase } from '../../db/open-database.js';
import type { DB } from '../../db/schema.js';
import {
  DEALERS_COLUMNS,
  REPS_COLUMNS,
  formatLoadProblems,
  loadCatalogFile,
  sortLoadProblems,
  loadDealersFile,
  loadRepsFile,
  readCsvFile,
  toPhoneRegion,
  type CountryCode,
  type CsvColumns,
  type LoadProblem,
} from '../../master-data/index.js';
import { loadPricesFile } from '../../master-data/prices-file.js';
import { loadSchemesFile } from '../../master-data/schemes-file.js';
import { loadSlabsFile } from '../../master-data/slabs-file.js';
import type { UpsertCounts } from '../../repositories/bulk.js';
import {
  findMissingBrandsOrCategories,
  findMissingSkus,
  upsertProducts,
} from '../../repositories/catalog.repository.js';
import {
  findMissingDealerCodes,
  findMissingRegions,
  upsertDealers,
} from '../../repositories/dealer.repository.js';
import {
  findMissingPriceLists,
  setPriceListRegions,
  upsertPrices,
} from '../../repositories/price.repository.js';
import { upsertSchemes } from '../../repositories/scheme.repository.js';
import { upsertSlabs } from '../../repositories/slab.repository.js';
import { upsertReps } from '../../repositories/rep.repository.js';
import { EXIT_FAULT, EXIT_OK, EXIT_USAGE, type CliCommand, type CliDeps } from '../cli-command.js';
import { UsageError } from '../usage-error.js';
import {
  ERP_FILE_KINDS,
  ErpFileRejected,
  planErpFile,
  type ErpFileKind,
} from '../../services/accounting/import-erp-file.js';

const usage = `usage: cli import catalog|dealers|reps|prices|schemes|slabs FILE [--region IN] [--dry-run]
       cli import dealers FILE [--move-contacts] [--strict]
       cli import invoices|payments|credit-notes|dispatches|deliveries FILE

  catalog   sku,name,unit,pack_size,piece_unit,price,aliases,brand,category,tax_rate
  dealers   code,name,phones,emails,region,price_list,credit_limit,outstanding
  reps      code,name,phones,emails,dealers   (the dealers must be imported first)
  prices    price_list,sku,price[,effective_from,effective_to,region]   (the SKUs must be in the catalog)
  schemes   code,name,kind,stacking[,valid_from,valid_to,target,target_values,priority,
            sku,brand,category,min_qty,min_amount,buy_qty,free_sku,free_qty,repeat,
            percent,flat_amount,active]   (see the README)
  slabs     code,scope,scope_value,basis,min,percent[,price_list,valid_from,valid_to]

  What the ERP sends back (docs/accounting.md); order_id is the order's id or
  its number SO-2026-000123; amounts like 1234.50; days YYYY-MM-DD:
  invoices      invoice_no,order_id,date,amount[,due_date]  (or dealer + a row per line: sku,qty)
  payments      dealer,amount,date,reference[,order_id]
  credit-notes  dealer,amount,date,reference[,order_id]
  dispatches    order_id,date,lr_number[,transporter,vehicle,sku,qty]  (sku,qty: a part dispatch)
  deliveries    order_id,date[,received_by,sku,qty]  (sku,qty: a line short)
  A row recorded before (same invoice_no; same dealer and reference; same
  order and lr_number; an order already delivered) is left alone.
  --region R  ISO 3166 region for phone numbers without a country code
              (default: ORDERDESK_DEFAULT_REGION, else IN)
  --dry-run   check the file against the database and print what would change
              (inserted, updated, unchanged, on file but not in this file);
              change nothing
  --move-contacts  dealers: a phone or email that belongs to another dealer
              moves to the dealer in this file (without it, every such row is
              an error and nothing is imported)
  --strict    dealers: a price list named by dealers that has no prices loaded
              is an error, not a warning (its dealers would be priced at
              catalog prices)

Upserts the file in one transaction: new rows are added, changed rows
updated, identical rows left alone. A file with any problem changes nothing;
every problem is listed on stderr (file:line [column] "value": what is
wrong) and the exit status is 2. Migrates the database first.`;

const MASTER_KINDS = ['catalog', 'dealers', 'reps', 'prices', 'schemes', 'slabs'] as const;
const KINDS = [...MASTER_KINDS, ...ERP_FILE_KINDS] as const;
type Kind = (typeof KINDS)[number];
type MasterKind = (typeof MASTER_KINDS)[number];

const isErpKind = (kind: Kind): kind is ErpFileKind =>
  (ERP_FILE_KINDS as readonly string[]).includes(kind);

/** A file that loaded but cannot be applied to this database; rolls the transaction back. */
class ImportRejected extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(`${problems.length} problem(s)`);
  }
}

/** A file that parsed cleanly, ready to apply inside the import transaction. */
interface ImportPlan {
  rows: number;
  /** The file's keys (SKUs, dealer or rep codes): what is on file but absent is counted. */
  keys?: string[];
  apply(trx: Transaction<DB>): Promise<UpsertCounts>;
}

/** Rows on file that this file does not name (an import never removes them); null: not counted. */
async function countAbsent(
  trx: Transaction<DB>,
  kind: MasterKind,
  keys: readonly string[] | undefined,
): Promise<number | null> {
  if (keys === undefined) return null;
  const table =
    kind === 'catalog'
      ? 'products'
      : kind === 'dealers'
        ? 'dealers'
        : kind === 'reps'
          ? 'reps'
          : null;
  if (table === null) return null;
  const column = table === 'products' ? 'sku' : 'code';
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)}
    WHERE NOT (${sql.ref(column)} = ANY(${[...keys]}::text[]))`.execute(trx);
  return rows[0]?.n ?? 0;
}

type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; problems: LoadProblem[] };

/** How a master-data file is applied (flags of `import`). */
interface ImportOptions {
  moveContacts: boolean;
  strict: boolean;
  /** Warnings found while applying, printed after the summary. */
  warnings: string[];
}

/** Thrown by a dry run after applying, so the transaction rolls back. */
class DryRunDone extends Error {
  constructor(readonly summary: string) {
    super('dry run');
  }
}

async function run(args: string[], deps: CliDeps): Promise<number> {
  const {
    kind,
    file,
    region: regionFlag,
    help,
    dryRun,
    moveContacts,
    strict,
  } = parseImportArgs(args);
  const options: ImportOptions = { moveContacts, strict, warnings: [] };
  if (help) {
    deps.stdout.write(`${usage}\n`);
    return EXIT_OK;
  }
  if (!deps.config.ok) {
    deps.stderr.write(`import: ${formatConfigProblems(deps.config.problems)}\n`);
    return EXIT_USAGE;
  }
  const config = deps.config.config;
  const regionText = regionFlag ?? config.defaultRegion;
  const region = toPhoneRegion(regionText);
  if (region === null) throw new UsageError(`unknown region "${regionText}"`);

  const started = performance.now();
  // The file is checked before the database is touched: a bad file needs no database.
  const planned = isErpKind(kind)
    ? await planErpImport(kind, file)
    : await planImport(kind, file, region, { ...options, dryRun });
  if (!planned.ok) return reportProblems(deps, file, planned.problems);

  let opened;
  try {
    opened = await openDatabase({
      url: config.databaseUrl,
      max: 2,
      applicationName: 'orderdesk-import',
    });
  } catch (error) {
    const message = describeStartupError(error);
    if (message === null) throw error;
    deps.stderr.write(`import: ${message}\n`);
    return EXIT_FAULT;
  }
  try {
    const summary = await opened.db
      .transaction()
      .execute(async (trx) => {
        const said = await planned.plan.apply(trx);
        if (dryRun) throw new DryRunDone(said);
        return said;
      })
      .catch((error: unknown) => {
        if (error instanceof DryRunDone)
          return `would be ${error.summary}; dry run, nothing changed`;
        throw error;
      });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    deps.stdout.write(
      `${kind}: ${planned.plan.rows} row${planned.plan.rows === 1 ? '' : 's'} from ${file}: ` +
        `${summary} (${seconds} s)\n`,
    );
    for (const warning of options.warnings) deps.stderr.write(`import: warning: ${warning}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ImportRejected || error instanceof ErpFileRejected) {
      return reportProblems(deps, file, error.problems);
    }
    throw error;
  } finally {
    await opened.db.destroy();
  }
}

function parseImportArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        'dry-run': { type: 'boolean' },
        'move-contacts': { type: 'boolean' },
        strict: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
  const { values, positionals } = parsed;
  const flags = {
    dryRun: values['dry-run'] === true,
    moveContacts: values['move-contacts'] === true,
    strict: values.strict === true,
  };
  if (values.help) {
    return { kind: 'catalog' as Kind, file: '', region: undefined, help: true, ...flags };
  }
  const [kind, file, ...extra] = positionals;
  if (kind === undefined) throw new UsageError(`missing what to import (${KINDS.join(', ')})`);
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`cannot import "${kind}": expected one of ${KINDS.join(', ')}`);
  }
  if (file === undefined || file.trim() === '') throw new UsageError('missing the FILE to import');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if ((flags.moveContacts || flags.strict) && kind !== 'dealers') {
    throw new UsageError('--move-contacts and --strict apply to dealers only');
  }
  if (flags.dryRun && (ERP_FILE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      '--dry-run applies to master data (catalog, dealers, reps, prices, schemes, slabs)',
    );
  }
  return { kind: kind as Kind, file, region: values.region, help: false, ...flags };
}

function reportProblems(deps: CliDeps, file: string, problems: readonly LoadProblem[]): number {
  const count = problems.length;
  deps.stderr.write(
    `import: ${file} has ${count} problem${count === 1 ? '' : 's'}; nothing was imported.\n` +
      `${formatLoadProblems(problems)}\n`,
  );
  return EXIT_USAGE;
}

/** A plan whose apply() says what it did in words. */
interface SummarisedPlan {
  rows: number;
  apply(trx: Transaction<DB>): Promise<string>;
}
type SummarisedPlanResult =
  { ok: true; plan: SummarisedPlan } | { ok: false; problems: LoadProblem[] };

async function planErpImport(kind: ErpFileKind, file: string): Promise<SummarisedPlanResult> {
  const planned = await planErpFile(kind, file);
  if (!planned.ok) return planned;
  return {
    ok: true,
    plan: {
      rows: planned.value.rows,
      async apply(trx) {
        const c = await planned.value.apply(trx, 'cli:import');
        return (
          `${c.recorded} recorded, ${c.unchanged} already recorded` +
          (c.released === 0
            ? ''
            : `; ${c.released} held order${c.released === 1 ? '' : 's'} released`)
        );
      },
    },
  };
}

async function planImport(
  kind: MasterKind,
  file: string,
  region: CountryCode,
  options: ImportOptions & { dryRun: boolean },
): Promise<SummarisedPlanResult> {
  const planned = await planMasterImport(kind, file, region, options);
  if (!planned.ok) return planned;
  return {
    ok: true,
    plan: {
      rows: planned.plan.rows,
      async apply(trx) {
        const c = await planned.plan.apply(trx);
        // A dry run also says what the file leaves out (an import never removes rows).
        const absent = options.dryRun ? await countAbsent(trx, kind, planned.plan.keys) : null;
        return (
          `${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged` +
          (absent === null ? '' : `, ${absent} on file but not in this file (kept)`)
        );
      },
    },
  };
}

async function planMasterImport(
  kind: MasterKind,
  file: string,
  region: CountryCode,
  options: ImportOptions,
): Promise<PlanResult> {
  switch (kind) {
    case 'catalog':
      return planCatalog(file);
    case 'dealers':
      return planDealers(file, region, options);
    case 'reps':
      return planReps(file, region);
    case 'prices':
      return planPrices(file);
    case 'schemes':
      return planSchemes(file);
    case 'slabs':
      return planSlabs(file);
  }
}

async function planCatalog(file: string): Promise<PlanResult> {
  const loaded = await loadCatalogFile(file);
  if (!loaded.ok) return loaded;
  const products = loaded.value.map((row) => ({
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    packSize: row.packSize,
    pieceUnit: row.pieceUnit,
    listPriceMinor: row.priceMinor,
    aliases: row.aliases,
    brand: row.brand,
    category: row.category,
    ...(row.taxRateBp === null ? {} : { taxRateBp: row.taxRateBp }),
  }));
  return {
    ok: true,
    plan: {
      rows: products.length,
      keys: products.map((p) => p.sku),
      apply: (trx) => upsertProducts(trx, products),
    },
  };
}

async function planDealers(
  file: string,
  region: CountryCode,
  options: ImportOptions,
): Promise<PlanResult> {
  const loaded = await loadDealersFile(file, { defaultRegion: region });
  if (!loaded.ok) return loaded;
  const rows = loaded.value;
  const located = await locateRows(file, DEALERS_COLUMNS, rows.length);
  const problems = [
    ...sharedContacts(file, located.lines, rows, 'phones', (r) => r.phones, 'dealer'),
    ...sharedContacts(file, located.lines, rows, 'emails', (r) => r.emails, 'dealer'),
  ];
  if (problems.length > 0) return { ok: false, problems };
  // An absent outstanding column leaves balances alone; the loader would read it as 0.
  const hasOutstanding = located.columns.includes('outstanding');
  const dealers = rows.map((row) => ({
    code: row.code,
    name: row.name,
    region: row.region,
    priceList: row.priceList,
    creditLimitMinor: row.creditLimitMinor,
    phones: row.phones,
    emails: row.emails,
    ...(hasOutstanding ? { outstandingMinor: row.outstandingMinor } : {}),
  }));
  return {
    ok: true,
    plan: {
      rows: dealers.length,
      keys: dealers.map((d) => d.code),
      async apply(trx) {
        const problems = [
          ...(options.moveContacts ? [] : await contactsOfOthers(trx, file, located.lines, rows)),
        ];
        const unpriced = await priceListsWithoutPrices(trx, rows);
        for (const [list, codes] of unpriced) {
          const text = `price list "${list}" has no prices loaded; its dealers (${codes.join(', ')}) will be priced at catalog prices until \`import prices\` loads it`;
          if (options.strict)
            problems.push({ file, line: null, column: 'price_list', value: list, message: text });
          else options.warnings.push(text);
        }
        if (problems.length > 0) throw new ImportRejected(problems);
        return upsertDealers(trx, dealers);
      },
    },
  };
}

/** Every phone or email in the file that another dealer on file holds now. */
async function contactsOfOthers(
  trx: Transaction<DB>,
  file: string,
  lines: readonly (number | null)[],
  rows: readonly { code: string; phones: string[]; emails: string[] }[],
): Promise<LoadProblem[]> {
  const phones = rows.flatMap((r) => r.phones);
  const emails = rows.flatMap((r) => r.emails);
  const [heldPhones, heldEmails] = await Promise.all([
    phones.length === 0
      ? []
      : trx
          .selectFrom('dealer_phones')
          .select(['phone as value', 'dealer_code'])
          .where('phone', 'in', phones)
          .execute(),
    emails.length === 0
      ? []
      : trx
          .selectFrom('dealer_emails')
          .select(['email as value', 'dealer_code'])
          .where('email', 'in', emails)
          .execute(),
  ]);
  const holder = new Map([...heldPhones, ...heldEmails].map((h) => [h.value, h.dealer_code]));
  const problems: LoadProblem[] = [];
  rows.forEach((row, i) => {
    for (const [column, values] of [
      ['phones', row.phones],
      ['emails', row.emails],
    ] as const) {
      for (const value of values) {
        const other = holder.get(value);
        if (other === undefined || other === row.code) continue;
        problems.push({
          file,
          line: lines[i] ?? null,
          column,
          value,
          message: `belongs to dealer "${other}" on file; to move it to "${row.code}", import again with --move-contacts`,
        });
      }
    }
  });
  return problems;
}

/** Price lists the file's dealers name that have no price loaded, with those dealers. */
async function priceListsWithoutPrices(
  trx: Transaction<DB>,
  rows: readonly { code: string; priceList: string | null }[],
): Promise<Map<string, string[]>> {
  const named = [...new Set(rows.flatMap((r) => (r.priceList === null ? [] : [r.priceList])))];
  if (named.length === 0) return new Map();
  const priced = new Set(
    (
      await trx
        .selectFrom('prices')
        .select('price_list')
        .distinct()
        .where('price_list', 'in', named)
        .execute()
    ).map((p) => p.price_list),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (r.priceList === null || priced.has(r.priceList)) continue;
    out.set(r.priceList, [...(out.get(r.priceList) ?? []), r.code]);
  }
  return out;
}

async function planReps(file: string, region: CountryCode): Promise<PlanResult> {
  const loaded = await loadRepsFile(file, { defaultRegion: region });
  if (!loaded.ok) return loaded;
  const rows = loaded.value;
  const { lines } = await locateRows(file, REPS_COLUMNS, rows.length);
  const problems = [
    ...sharedContacts(file, lines, rows, 'phones', (r) => r.phones, 'rep'),
    ...sharedContacts(file, lines, rows, 'emails', (r) => r.emails, 'rep'),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      rows: rows.length,
      apply: async (trx) => {
        const missing = new Set(
          await findMissingDealerCodes(
            trx,
            rows.flatMap((r) => r.dealers),
          ),
        );
        if (missing.size > 0) {
          throw new ImportRejected(
            rows.flatMap((row, i) =>
              row.dealers
                .filter((code) => missing.has(code))
                .map((code) => ({
                  file,
                  line: lines[i] ?? null,
                  column: 'dealers',
                  value: code,
                  message: `unknown dealer code "${code}": no such dealer in the database (import the dealers first)`,
                })),
            ),
          );
        }
        return upsertReps(trx, rows);
      },
    },
  };
}

async function planPrices(file: string): Promise<PlanResult> {
  const loaded = await loadPricesFile(file);
  if (!loaded.ok) return loaded;
  const located = loaded.value;
  return {
    ok: true,
    plan: {
      rows: located.length,
      apply: async (trx) => {
        const missing = new Set(
          await findMissingSkus(
            trx,
            located.map(({ row }) => row.sku),
          ),
        );
        if (missing.size > 0) {
          throw new ImportRejected(
            located
              .filter(({ row }) => missing.has(row.sku))
              .map(({ line, row }) => ({
                file,
                line,
                column: 'sku',
                value: row.sku,
                message: `unknown sku "${row.sku}": not in the catalog (import the catalog first)`,
              })),
          );
        }
        const counts = await upsertPrices(
          trx,
          located.map(({ row }) => row),
        );
        // upsertPrices created any new list; a region given in the file is the list's.
        await setPriceListRegions(trx, [
          ...new Map(
            located.flatMap(({ row }) =>
              row.region === null
                ? []
                : [[row.priceList, { priceList: row.priceList, region: row.region }] as const],
            ),
          ).values(),
        ]);
        return counts;
      },
    },
  };
}

/** A name in a file that must be on file in the database. */
interface Reference {
  line: number;
  column: string;
  value: string;
  kind: 'sku' | 'brand' | 'category' | 'dealer' | 'price_list' | 'region';
}

const UNKNOWN: Record<Reference['kind'], (v: string) => string> = {
  sku: (v) => `unknown sku "${v}": not in the catalog (import the catalog first)`,
  brand: (v) => `unknown brand "${v}": no product in the catalog has it`,
  category: (v) => `unknown category "${v}": no product in the catalog has it`,
  dealer: (v) =>
    `unknown dealer code "${v}": no such dealer in the database (import the dealers first)`,
  price_list: (v) =>
    `unknown price list "${v}": no such list in the database (import the dealers or prices first)`,
  region: (v) =>
    `unknown region "${v}": no dealer is in it (regions come from the dealers file, spelt exactly)`,
};

/** Rolls the import back with one problem per reference not on file. */
async function checkReferences(
  trx: Transaction<DB>,
  file: string,
  refs: readonly Reference[],
): Promise<void> {
  const values = (kind: Reference['kind']) =>
    refs.filter((r) => r.kind === kind).map((r) => r.value);
  const missing = {
    sku: new Set(await findMissingSkus(trx, values('sku'))),
    brand: new Set(await findMissingBrandsOrCategories(trx, 'brand', values('brand'))),
    category: new Set(await findMissingBrandsOrCategories(trx, 'category', values('category'))),
    dealer: new Set(await findMissingDealerCodes(trx, values('dealer'))),
    price_list: new Set(await findMissingPriceLists(trx, values('price_list'))),
    region: new Set(await findMissingRegions(trx, values('region'))),
  };
  const problems = refs
    .filter((r) => missing[r.kind].has(r.value))
    .map((r) => ({
      file,
      line: r.line,
      column: r.column,
      value: r.value,
      message: UNKNOWN[r.kind](r.value),
    }));
  if (problems.length > 0) throw new ImportRejected(sortLoadProblems(problems));
}

async function planSchemes(file: string): Promise<PlanResult> {
  const loaded = await loadSchemesFile(file);
  if (!loaded.ok) return loaded;
  const located = loaded.value;
  const refs = located.flatMap(({ line, row: { scheme } }): Reference[] => {
    const { rule, audience } = scheme;
    const out: Reference[] = [
      ...audience.priceLists.map((value) => ({
        line,
        column: 'target_values',
        value,
        kind: 'price_list' as const,
      })),
      ...audience.dealers.map((value) => ({
        line,
        column: 'target_values',
        value,
        kind: 'dealer' as const,
      })),
      ...audience.regions.map((value) => ({
        line,
        column: 'target_values',
        value,
        kind: 'region' as const,
      })),
    ];
    if (rule.kind === 'buy_get') {
      out.push({ line, column: 'sku', value: rule.buySku, kind: 'sku' });
      if (rule.getSku !== rule.buySku) {
        out.push({ line, column: 'free_sku', value: rule.getSku, kind: 'sku' });
      }
    } else if (rule.kind === 'percent_off' || rule.kind === 'flat_off') {
      const { kind, value } = rule.target;
      out.push({ line, column: kind, value, kind });
    }
    return out;
  });
  return {
    ok: true,
    plan: {
      rows: located.length,
      apply: async (trx) => {
        await checkReferences(trx, file, refs);
        return upsertSchemes(
          trx,
          located.map(({ row }) => row),
        );
      },
    },
  };
}

async function planSlabs(file: string): Promise<PlanResult> {
  const loaded = await loadSlabsFile(file);
  if (!loaded.ok) return loaded;
  const located = loaded.value;
  const refs = located.flatMap(({ line, row }): Reference[] => [
    { line, column: 'scope_value', value: row.target.value, kind: row.target.kind },
    ...(row.priceList === null
      ? []
      : [{ line, column: 'price_list', value: row.priceList, kind: 'price_list' as const }]),
  ]);
  return {
    ok: true,
    plan: {
      rows: located.length,
      apply: async (trx) => {
        await checkReferences(trx, file, refs);
        return upsertSlabs(
          trx,
          located.map(({ row }) => row),
        );
      },
    },
  };
}

/**
 * The header columns and the line of each row. The loaders return rows
 * without lines; when a file loads cleanly its records and rows correspond
 * one to one, so the lines come from reading the table again.
 */
async function locateRows(
  file: string,
  columns: CsvColumns,
  rowCount: number,
): Promise<{ columns: string[]; lines: (number | null)[] }> {
  const table = await readCsvFile(file, columns);
  if (!table.ok) return { columns: [], lines: [] };
  const aligned = table.value.records.length === rowCount;
  return {
    columns: table.value.columns,
    lines: table.value.records.map((r) => (aligned ? r.line : null)),
  };
}

/** A phone or address listed for two rows: a sender must identify exactly one dealer (or rep). */
function sharedContacts<R extends { code: string }>(
  file: string,
  lines: readonly (number | null)[],
  rows: readonly R[],
  column: 'phones' | 'emails',
  values: (row: R) => readonly string[],
  what: 'dealer' | 'rep',
): LoadProblem[] {
  const owner = new Map<string, { code: string; line: number | null }>();
  const problems: LoadProblem[] = [];
  rows.forEach((row, i) => {
    const line = lines[i] ?? null;
    for (const value of values(row)) {
      const first = owner.get(value);
      if (first === undefined) owner.set(value, { code: row.code, line });
      else {
        problems.push({
          file,
          line,
          column,
          value,
          message:
            `is also listed for ${what} "${first.code}"` +
            (first.line === null ? '' : ` on line ${first.line}`) +
            `: ${column === 'phones' ? 'a phone' : 'an address'} may belong to one ${what} only`,
        });
      }
    }
  });
  return problems;
}

export const command: CliCommand = { usage, run };
