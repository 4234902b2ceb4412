/**
 * The compiled catalog and dealer directory, cached per process. Compiling a
 * 20,000-SKU catalog takes a while, so it happens once per master-data
 * version: every `get` reads the version row (one primary-key read) and
 * recompiles only when an import (in any process) has committed a change.
 * `invalidate()` forces a reload in this process.
 */
import {
  compileCatalog,
  compileDirectory,
  type CatalogItem,
  type CompiledCatalog,
  type Directory,
} from '../../parsers/index.js';
import type { Executor } from '../db/transaction.js';
import {
  listParserDealers,
  listParserProducts,
  listParserReps,
  readMasterDataVersion,
} from '../repositories/parser-input.repository.js';

export interface ParserInputs {
  version: bigint;
  catalog: CompiledCatalog;
  directory: Directory;
  /** The catalog items by sku (names and units for replies). */
  items: ReadonlyMap<string, CatalogItem>;
}

export interface ParserInputsCacheOptions {
  /** ISO 3166 region for phone numbers without a country code. Default `IN`. */
  defaultRegion?: string;
}

export class ParserInputsCache {
  private current: ParserInputs | null = null;
  private loading: { version: bigint; promise: Promise<ParserInputs> } | null = null;
  private readonly defaultRegion: string;

  constructor(options: ParserInputsCacheOptions = {}) {
    this.defaultRegion = options.defaultRegion ?? 'IN';
  }

  async get(db: Executor): Promise<ParserInputs> {
    const version = await readMasterDataVersion(db);
    if (this.current?.version === version) return this.current;
    // concurrent jobs share one compile of a version
    if (this.loading?.version !== version) {
      const promise = this.load(db, version).finally(() => {
        if (this.loading?.promise === promise) this.loading = null;
      });
      this.loading = { version, promise };
    }
    const loaded = await this.loading.promise;
    if (this.current === null || this.current.version < loaded.version) this.current = loaded;
    return loaded;
  }

  invalidate(): void {
    this.current = null;
    this.loading = null;
  }

  private async load(db: Executor, version: bigint): Promise<ParserInputs> {
    const [products, dealers, reps] = await Promise.all([
      listParserProducts(db),
      listParserDealers(db),
      listParserReps(db),
    ]);
    const items = products.map((p): CatalogItem => ({
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      packSize: p.pack_size,
      pieceUnit: p.piece_unit,
      aliases: p.aliases,
      brand: p.brand,
      category: p.category,
    }));
    return {
      version,
      catalog: compileCatalog(items),
      directory: compileDirectory({
        dealers: dealers.map((d) => ({ ...d })),
        reps: reps.map((r) => ({ ...r })),
        defaultRegion: this.defaultRegion,
      }),
      items: new Map(items.map((i) => [i.sku, i])),
    };
  }
}
