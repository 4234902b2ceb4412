/**
 * The plain data pricing takes and returns. Money is bigint minor units;
 * quantities are whole sales units; dates are `YYYY-MM-DD` strings.
 */
import type { Minor } from '../money.js';

/** What a slab or a scheme applies to. */
export interface Target {
  kind: 'sku' | 'brand' | 'category';
  value: string;
}

export interface PricingProduct {
  sku: string;
  listPriceMinor: Minor;
  active: boolean;
  brand: string | null;
  category: string | null;
  /** GST-style rate in basis points (1800 = 18%). */
  taxRateBp: number;
}

/** A price from a price list in effect on the pricing day. */
export interface ListPrice {
  priceList: string;
  priceMinor: Minor;
  effectiveFrom: string | null;
}

/**
 * One tier of a volume slab: reached when the target's quantity (sales units)
 * or amount (minor units at the list-resolved price) in the order is at least
 * `threshold`. Tiers of one target form a ladder; the best tier reached wins.
 * Slabs never stack with each other: of every slab reached for a line, the
 * largest discount applies.
 */
export interface Slab {
  id: string;
  target: Target;
  basis: 'qty' | 'amount';
  threshold: bigint;
  discountBp: number;
  /** Only for dealers on this price list; null: every dealer. */
  priceList: string | null;
}

/** The minimum a scheme's target must reach in the order. */
export interface Minimum {
  basis: 'qty' | 'amount';
  /** Sales units, or minor units of amount after slabs. 0: no minimum. */
  value: bigint;
}

export type SchemeRule =
  /** Buy `buyQty` of `buySku`, get `getQty` of `getSku` free (every `buyQty` when repeating). */
  | {
      kind: 'buy_get';
      buySku: string;
      buyQty: number;
      getSku: string;
      getQty: number;
      repeating: boolean;
    }
  /** `discountBp` off the unit price of every line of the target, once the target reaches `min`. */
  | { kind: 'percent_off'; target: Target; discountBp: number; min: Minimum }
  /** `amountMinor` off the target's lines (split over them), once the target reaches `min`. */
  | { kind: 'flat_off'; target: Target; amountMinor: Minor; min: Minimum }
  /** Off the whole order once its amount (after line discounts) reaches `minAmountMinor`. */
  | {
      kind: 'order_value';
      minAmountMinor: Minor;
      discountBp: number | null;
      amountMinor: Minor | null;
    };

/**
 * How a scheme combines with others, declared per scheme:
 * - `exclusive`: applies alone; when it is the better deal nothing else applies.
 * - `best`: competes with the other `best` schemes touching the same lines;
 *   only the one saving the dealer most applies.
 * - `priority`: stacks with everything non-exclusive, applied in `priority`
 *   order (lower first), each on the price the previous left.
 */
export type Stacking = 'exclusive' | 'best' | 'priority';

export interface Scheme {
  id: string;
  name: string;
  /** Inclusive days; null: unbounded. */
  validFrom: string | null;
  validTo: string | null;
  /** Empty lists everywhere: every dealer. Otherwise a dealer matching ANY list. */
  audience: { regions: string[]; priceLists: string[]; dealers: string[] };
  stacking: Stacking;
  /** Lower applies first. */
  priority: number;
  rule: SchemeRule;
}

export interface PricingDealer {
  code: string;
  region: string | null;
  priceList: string | null;
}

export interface PriceOrderLine {
  sku: string;
  /** Whole sales units, > 0. */
  qty: number;
  /** A unit price the dealer asked for ("@95"); null: none. */
  requestedPriceMinor?: Minor | null;
  /** An approved price exception for this line: its approval id and price. */
  approvedException?: { id: string; priceMinor: Minor } | null;
}

export interface PriceOrderInput {
  dealer: PricingDealer;
  /** The pricing day, `YYYY-MM-DD`. */
  on: string;
  lines: readonly PriceOrderLine[];
  products: ReadonlyMap<string, PricingProduct>;
  /** Prices on the dealer's own list in effect on the day, by sku. */
  dealerPrices: ReadonlyMap<string, ListPrice>;
  /** Prices on the list of the dealer's region, by sku (second fallback). */
  regionalPrices: ReadonlyMap<string, ListPrice>;
  slabs: readonly Slab[];
  schemes: readonly Scheme[];
}

/** One step of how a line's price was reached (stored as JSON on the line). */
export type PriceStep =
  | {
      step: 'price_list';
      source_id: string;
      price_list: string;
      effective_from: string | null;
      unit_price: string;
    }
  | {
      step: 'regional_list';
      source_id: string;
      price_list: string;
      region: string;
      effective_from: string | null;
      unit_price: string;
    }
  | {
      step: 'list_price';
      source_id: string;
      because: 'no_price_list' | 'not_on_price_list';
      price_list: string | null;
      unit_price: string;
    }
  | {
      step: 'slab';
      source_id: string;
      basis: 'qty' | 'amount';
      threshold: string;
      discount_bp: number;
      unit_price: string;
    }
  | {
      step: 'scheme';
      source_id: string;
      name: string;
      kind: SchemeRule['kind'];
      /** per-unit price after the scheme (percent), or the amount taken off this line. */
      unit_price?: string;
      line_discount?: string;
    }
  | { step: 'free_goods'; source_id: string; name: string; for_sku: string }
  | {
      step: 'exception';
      source_id: string;
      requested_price: string;
      allowed_price: string;
      unit_price: string;
    }
  | { step: 'tax'; rate_bp: number; tax: string };

export interface PricedLine {
  sku: string;
  qty: number;
  /** A free-goods line from a buy-get scheme: zero price. */
  free: boolean;
  listPriceMinor: Minor;
  /** The unit price after list, slab, per-unit schemes and an approved exception. */
  unitPriceMinor: Minor;
  /** Flat and order-value discounts allocated to the line. */
  discountMinor: Minor;
  /** unit × qty − discount: the line's net amount before tax. */
  lineTotalMinor: Minor;
  taxRateBp: number;
  taxMinor: Minor;
  requestedPriceMinor: Minor | null;
  explanation: PriceStep[];
}

/** A line whose asked-for price is below what lists, slabs and schemes allow. */
export interface ExceptionNeed {
  /** Index into the input lines. */
  lineIndex: number;
  sku: string;
  requestedPriceMinor: Minor;
  allowedPriceMinor: Minor;
  /** (allowed − requested) / allowed, basis points, rounded up: the authority needed. */
  discountBp: number;
}

/** "add 2 cases for 5% off". */
export interface SlabNudge {
  slabId: string;
  target: Target;
  basis: 'qty' | 'amount';
  /** Sales units or minor units still missing. */
  missing: bigint;
  discountBp: number;
}

export interface AppliedScheme {
  id: string;
  name: string;
  savingMinor: Minor;
}

export type PriceOrderResult =
  | {
      ok: true;
      lines: PricedLine[];
      /** Σ line totals (net, before tax). */
      subtotalMinor: Minor;
      taxMinor: Minor;
      /** subtotal + tax: what the dealer pays and what credit counts. */
      totalMinor: Minor;
      /** Against catalog list prices, free goods included. */
      savingsMinor: Minor;
      schemes: AppliedScheme[];
      exceptions: ExceptionNeed[];
      nudges: SlabNudge[];
    }
  /** Skus not in the catalog or no longer sold: the order cannot be priced. */
  | { ok: false; unpriceable: string[] };
