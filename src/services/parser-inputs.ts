/**
 * What a parse job reads for every message but rarely changes, cached per process: the
 * compiled catalog and dealer directory (compiling 20,000 SKUs takes a while), the learned
 * aliases, the rollout settings, and the day's slabs and schemes.
 *
 * Staleness: none beyond a job's own start. Every change to these rows bumps a counter in the
 * same transaction (master_data_version, read_cache_versions: migrations 0006 and 0081); a job
 * reads all the counters in one statement (`snapshot`) and reloads only what changed, so a
 * commit in any process reaches every worker's next job. `invalidate()` forces a reload here.
 */
import {
  compileCatalog,
  compileDirectory,
  type CatalogItem,
  type CompiledCatalog,
  type Directory,
} from '../../parsers/index.js';
import type { Channel, Rollout } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import {
  listAllLearnedAliases,
  type LearnedAliasRow,
} from '../repositories/learned-alias.repository.js';
import {
  listParserDealers,
  listParserProducts,
  listParserReps,
  readMasterDataVersion,
} from '../repositories/parser-input.repository.js';
import {
  readCacheVersions,
  type ReadCacheVersions,
} from '../repositories/read-cache-version.repository.js';
import { listRolloutSettings } from '../repositories/rollout.repository.js';
import { loadPricingRules, pricingDay, type PricingRules } from './price-lines.js';

export interface ParserInputs {
  version: bigint;
  catalog: CompiledCatalog;
  directory: Directory;
  /** The catalog items by sku (names and units for replies). */
  items: ReadonlyMap<string, CatalogItem>;
}

/** Everything one parse job reads through the cache, as of its counters. */
export interface ParseSnapshot {
  inputs: ParserInputs;
  /** The dealer's own aliases first, then everyone's (only everyone's for null). */
  learnedAliases(dealerCode: string | null): LearnedAliasRow[];
  /** The dealer's own setting on the channel, if any. */
  dealerRollout(dealerCode: string, channel: Channel): Rollout | undefined;
  /** The channel's setting for everyone, if any. */
  channelRollout(channel: Channel): Rollout | undefined;
  /** The slabs and schemes live on the day of `at`. */
  pricingRules(at: Date): Promise<PricingRules>;
}

export interface ParserInputsCacheOptions {
  /** ISO 3166 region for phone numbers without a country code. Default `IN`. */
  defaultRegion?: string;
}

interface AliasIndex {
  byDealer: ReadonlyMap<string, LearnedAliasRow[]>;
  everyone: LearnedAliasRow[];
}

interface RolloutIndex {
  byDealer: ReadonlyMap<string, Rollout>;
  byChannel: ReadonlyMap<Channel, Rollout>;
}

export class ParserInputsCache {
  private readonly inputs = new Versioned<ParserInputs>();
  private readonly aliases = new Versioned<AliasIndex>();
  private readonly rollouts = new Versioned<RolloutIndex>();
  /** Per counter, the rules of each pricing day asked for (a day or two at a time). */
  private readonly rules = new Versioned<Map<string, Promise<PricingRules>>>();
  private readonly defaultRegion: string;

  constructor(options: ParserInputsCacheOptions = {}) {
    this.defaultRegion = options.defaultRegion ?? 'IN';
  }

  /** The compiled catalog and directory (one version read). */
  async get(db: Executor): Promise<ParserInputs> {
    const version = await readMasterDataVersion(db);
    return this.inputs.get(version, () => this.load(db, version));
  }

  /**
   * What a parse job reads, as of `versions` (read with the job's claim) or of the counters read
   * now: no statement, or one, when nothing changed.
   */
  async snapshot(db: Executor, known?: ReadCacheVersions): Promise<ParseSnapshot> {
    const versions = known ?? (await readCacheVersions(db));
    const [inputs, aliases, rollouts] = await Promise.all([
      this.inputs.get(versions.masterData, () => this.load(db, versions.masterData)),
      this.aliases.get(versions.learnedAliases, () => loadAliases(db)),
      this.rollouts.get(versions.rollout, () => loadRollouts(db)),
    ]);
    return {
      inputs,
      learnedAliases: (dealerCode) => [
        ...(dealerCode === null ? [] : (aliases.byDealer.get(dealerCode) ?? [])),
        ...aliases.everyone,
      ],
      dealerRollout: (dealerCode, channel) =>
        rollouts.byDealer.get(rolloutKey(dealerCode, channel)),
      channelRollout: (channel) => rollouts.byChannel.get(channel),
      pricingRules: (at) => this.pricingRules(db, versions, at),
    };
  }

  invalidate(): void {
    for (const cached of [this.inputs, this.aliases, this.rollouts, this.rules]) cached.clear();
  }

  private async pricingRules(
    db: Executor,
    versions: ReadCacheVersions,
    at: Date,
  ): Promise<PricingRules> {
    const days = await this.rules.get(versions.pricingRules, () => Promise.resolve(new Map()));
    const on = pricingDay(at);
    let rules = days.get(on);
    if (rules === undefined) {
      if (days.size >= MAX_PRICING_DAYS) days.clear();
      rules = loadPricingRules(db, on);
      // a failed read is not kept
      rules.catch(() => days.delete(on));
      days.set(on, rules);
    }
    return rules;
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

/**
 * One value at a time, for the newest key asked: loaded once per key, concurrent callers share
 * the load, and a slower load of an older key never replaces a newer value.
 */
class Versioned<V> {
  private current: { key: bigint; value: V } | null = null;
  private loading: { key: bigint; promise: Promise<V> } | null = null;

  async get(key: bigint, load: () => Promise<V>): Promise<V> {
    if (this.current?.key === key) return this.current.value;
    if (this.loading?.key !== key) {
      const promise = load().finally(() => {
        if (this.loading?.promise === promise) this.loading = null;
      });
      this.loading = { key, promise };
    }
    const value = await this.loading.promise;
    if (this.current === null || this.current.key < key) this.current = { key, value };
    return value;
  }

  clear(): void {
    this.current = null;
    this.loading = null;
  }
}

async function loadAliases(db: Executor): Promise<AliasIndex> {
  const byDealer = new Map<string, LearnedAliasRow[]>();
  const everyone: LearnedAliasRow[] = [];
  for (const { dealer_code, alias, sku } of await listAllLearnedAliases(db)) {
    if (dealer_code === null) everyone.push({ alias, sku });
    else {
      const own = byDealer.get(dealer_code) ?? [];
      own.push({ alias, sku });
      byDealer.set(dealer_code, own);
    }
  }
  return { byDealer, everyone };
}

async function loadRollouts(db: Executor): Promise<RolloutIndex> {
  const settings = await listRolloutSettings(db);
  return {
    byDealer: new Map(
      settings.dealers.map((d) => [rolloutKey(d.dealer_code, d.channel), d.rollout]),
    ),
    byChannel: new Map(settings.channels.map((c) => [c.channel, c.rollout])),
  };
}

/** Days of pricing rules kept per counter: today, and yesterday's late orders. */
const MAX_PRICING_DAYS = 4;

const rolloutKey = (dealerCode: string, channel: Channel) => `${channel}:${dealerCode}`;
