/**
 * Pricing rules: price lists (dealer's, regional, list price), volume slabs,
 * schemes with stacking, price exceptions, tax and rounding. Pure.
 */
export * from './types.js';
export { priceOrder, isLive, requiredDiscountBp } from './price-order.js';
export { matchesTarget } from './work-line.js';
export { percentOfMinor, allocateMinor, discountedMinor, moneyText } from './rounding.js';
export { selectSchemes } from './select-schemes.js';
export { detectPriceRequest, detectLinePrices, type PriceRequest } from './detect-price-request.js';
