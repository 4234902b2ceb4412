/**
 * Compiled parser inputs from the fixture CSVs in test/fixtures/parser (a paints &
 * hardware distributor and a pharmacy distributor), loaded through the real CSV loaders.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compileCatalog,
  compileDirectory,
  parseMessage,
  type CompiledCatalog,
  type Directory,
  type ParseRequest,
  type ParseResult,
} from '../../parsers/index.js';
import {
  parseCatalogCsv,
  parseDealersCsv,
  parseRepsCsv,
  toCatalogItem,
  toDealerEntry,
  toRepEntry,
} from '../../src/master-data/index.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/parser/${name}`, import.meta.url)), 'utf8');

function unwrap<T>(result: { ok: true; value: T } | { ok: false; problems: unknown[] }): T {
  if (!result.ok) throw new Error(`fixture does not load: ${JSON.stringify(result.problems)}`);
  return result.value;
}

export interface ParserWorld {
  catalog: CompiledCatalog;
  directory: Directory;
  parse(message: Partial<ParseRequest> & { text: string; from: string }): ParseResult;
}

export function loadWorld(industry: 'paints' | 'pharma'): ParserWorld {
  let reps: string | null = null;
  try {
    reps = fixture(`${industry}-reps.csv`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return worldFromCsv(fixture(`${industry}-catalog.csv`), fixture(`${industry}-dealers.csv`), reps);
}

/** A world from CSV text in the import formats: a few SKUs written where a test needs them. */
export function worldFromCsv(
  catalogCsv: string,
  dealersCsv: string,
  repsCsv: string | null = null,
): ParserWorld {
  const items = unwrap(parseCatalogCsv(catalogCsv, 'catalog.csv'));
  const dealers = unwrap(parseDealersCsv(dealersCsv, 'dealers.csv'));
  const reps = repsCsv === null ? [] : unwrap(parseRepsCsv(repsCsv, 'reps.csv')).map(toRepEntry);
  const catalog = compileCatalog(items.map(toCatalogItem));
  const directory = compileDirectory({ dealers: dealers.map(toDealerEntry), reps });
  return {
    catalog,
    directory,
    parse: (message) =>
      parseMessage({
        catalog,
        directory,
        message: { id: 'm', channel: 'whatsapp', ...message },
      }),
  };
}

/** The draft's lines as "DEALER SKU xQTY", sorted: easy to compare in one assertion. */
export function linesOf(result: ParseResult): string[] {
  return result.orders.flatMap((o) => o.lines.map((l) => `${o.dealer} ${l.sku} x${l.qty}`)).sort();
}

/** The review policy's refusal codes, in order: why the draft would not go straight through. */
export function refusalsOf(result: ParseResult): string[] {
  return result.review.refusals.map((r) => r.code);
}
