/**
 * A line's price explanation in words, with the names ops know: "Wholesale
 * list ₹5,010.00", "Slab EMUL-INT-10: 3% off at 10+ → ₹4,859.70", "Scheme
 * 'Monsoon 10+1'", "Catalog price ₹5,350.00: list PLATINUM has no price for
 * this SKU". Pure.
 */
import { rupees } from '../../../templates/format.js';
import { parseMinor } from '../money.js';
import type { PriceStep } from './types.js';

const money = (text: string | undefined): string => {
  const minor = text === undefined ? null : parseMinor(text);
  return minor === null ? (text ?? '') : rupees(minor);
};
const percent = (bp: number): string => `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2)}%`;

export function describePriceStep(step: PriceStep): string {
  switch (step.step) {
    case 'price_list':
      return `${step.price_list} list ${money(step.unit_price)}${step.effective_from ? ` (since ${step.effective_from})` : ''}`;
    case 'regional_list':
      return `${step.price_list} list for ${step.region} ${money(step.unit_price)}`;
    case 'list_price':
      return step.because === 'not_on_price_list' && step.price_list !== null
        ? `Catalog price ${money(step.unit_price)}: list ${step.price_list} has no price for this SKU`
        : `Catalog price ${money(step.unit_price)} (no price list)`;
    case 'slab':
      return `Slab ${step.source_id}: ${percent(step.discount_bp)} off at ${step.basis === 'qty' ? `${step.threshold}+` : `${money(step.threshold)}+`} → ${money(step.unit_price)}`;
    case 'scheme':
      return (
        `Scheme “${step.name}”` +
        (step.unit_price !== undefined ? ` → ${money(step.unit_price)}` : '') +
        (step.line_discount !== undefined ? `: ${money(step.line_discount)} off` : '')
      );
    case 'free_goods':
      return `Free under “${step.name}” (with ${step.for_sku})`;
    case 'exception':
      return `Approved price ${money(step.unit_price)} (asked ${money(step.requested_price)}, allowed ${money(step.allowed_price)})`;
    case 'tax':
      return `Tax ${percent(step.rate_bp)}: ${money(step.tax)}`;
  }
}

const STEPS = new Set([
  'price_list',
  'regional_list',
  'list_price',
  'slab',
  'scheme',
  'free_goods',
  'exception',
  'tax',
]);

/** Whether a stored explanation entry is a PriceStep this module can put in words. */
export function isPriceStep(value: unknown): value is PriceStep {
  return (
    typeof value === 'object' &&
    value !== null &&
    'step' in value &&
    STEPS.has(String((value as { step: unknown }).step))
  );
}
