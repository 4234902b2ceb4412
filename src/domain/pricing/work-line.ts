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

/** Brand and category compare case-insensitively; sku exactly. */
export function matchesTarget(product: PricingProduct, target: Target): boolean {
  switch (target.kind) {
    case 'sku':
      return product.sku === target.value;
    case 'brand':
      return product.brand !== null && product.brand.toLowerCase() === target.value.toLowerCase();
    case 'category':
      return (
        product.category !== null && product.category.toLowerCase() === target.value.toLowerCase()
      );
  }
}
