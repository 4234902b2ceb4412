/** The working state of a paid line during pricing, and target matching. */
import type { Minor } from '../money.js';
import type { PriceStep, PricingProduct, Target } from './types.js';

/** A paid line as pricing works on it. */
export interface WorkLine {
  index: number;
  sku: string;
  qty: number;
  product: PricingProduct;
  /** After the price list (step 1). */
  baseUnit: Minor;
  /** After slabs (step 2). */
  slabUnit: Minor;
  unit: Minor;
  discount: Minor;
  steps: PriceStep[];
  /** An approved exception is in force on this line. */
  excepted: boolean;
}

const lowered = new Map<string, string>();
/** Lower-cased once per distinct string: matching runs in the pricing hot loop. */
function lc(text: string): string {
  let v = lowered.get(text);
  if (v === undefined) {
    v = text.toLowerCase();
    if (lowered.size < 100_000) lowered.set(text, v);
  }
  return v;
}

/** Brand and category compare case-insensitively; sku exactly. */
export function matchesTarget(product: PricingProduct, target: Target): boolean {
  switch (target.kind) {
    case 'sku':
      return product.sku === target.value;
    case 'brand':
      return product.brand !== null && lc(product.brand) === lc(target.value);
    case 'category':
      return product.category !== null && lc(product.category) === lc(target.value);
  }
}
