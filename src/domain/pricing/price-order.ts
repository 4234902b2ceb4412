/**
 * Prices an order: list → slab → scheme(s) → exception → tax, every step of
 * every line recorded with its source id. Pure: all the data comes in.
 *
 *   1. Base unit price: the dealer's price list, else the list of the
 *      dealer's region, else the catalog list price.
 *   2. Slabs: per line the best slab reached (measured on base prices).
 *   3. Schemes: the live ones (valid on the day, aimed at this dealer) whose
 *      minimum is reached after slabs; which of them apply is decided by
 *      their stacking (see `selectSchemes`). Kinds apply in this order:
 *      percent-off (per unit, by priority), flat-off and order-value
 *      (split over the lines), buy-get (free lines).
 *   4. Exceptions: an approved exception replaces a line's unit price when
 *      lower; such a line takes no share of flat or order-value discounts.
 *      A requested price below the allowed unit price (after steps 1–3) is
 *      reported as needing an approval.
 *   5. Tax per line on its net amount, rounded half up.
 */
import type { Minor } from '../money.js';
import { allocateMinor, discountedMinor, moneyText, percentOfMinor } from './rounding.js';
import { selectSchemes } from './select-schemes.js';
import { bestSlabs, slabNudges } from './slabs.js';
import { matchesTarget, type WorkLine } from './work-line.js';
import type {
  AppliedScheme,
  ExceptionNeed,
  ListPrice,
  PriceOrderInput,
  PriceOrderResult,
  PriceStep,
  PricedLine,
  PricingProduct,
  Scheme,
} from './types.js';

export interface FreeLine {
  sku: string;
  qty: number;
  product: PricingProduct;
  scheme: Scheme;
  forSku: string;
}

export function priceOrder(input: PriceOrderInput): PriceOrderResult {
  const unpriceable = input.lines
    .filter((l) => input.products.get(l.sku)?.active !== true)
    .map((l) => l.sku);
  if (unpriceable.length > 0) return { ok: false, unpriceable: [...new Set(unpriceable)] };

  const base = input.lines.map((line, index): WorkLine => {
    const product = input.products.get(line.sku)!;
    const { unit, step } = baseUnitPrice(input, product);
    return {
      index,
      sku: line.sku,
      qty: line.qty,
      product,
      baseUnit: unit,
      slabUnit: unit,
      unit,
      discount: 0n,
      steps: [step],
      excepted: false,
    };
  });

  const slabs = input.slabs.filter(
    (s) => s.priceList === null || s.priceList === input.dealer.priceList,
  );
  const best = bestSlabs(base, slabs);
  for (const line of base) {
    const slab = best.get(line.index);
    if (slab === undefined) continue;
    line.slabUnit = discountedMinor(line.baseUnit, slab.discountBp);
    line.unit = line.slabUnit;
    line.steps.push({
      step: 'slab',
      source_id: slab.id,
      basis: slab.basis,
      threshold: slab.basis === 'amount' ? moneyText(slab.threshold) : slab.threshold.toString(),
      discount_bp: slab.discountBp,
      unit_price: moneyText(line.unit),
    });
  }

  const live = input.schemes.filter((s) => isLive(s, input) && minimumReached(s, base));
  const chosen = selectSchemes(live, (set) => applySchemes(base, set, input, false).saving);
  const run = applySchemes(base, chosen, input, true);

  const exceptions: ExceptionNeed[] = [];
  for (const line of run.lines) {
    const asked = input.lines[line.index]?.requestedPriceMinor ?? null;
    const approved = input.lines[line.index]?.approvedException ?? null;
    if (approved === null && asked !== null && asked < line.allowedUnit) {
      exceptions.push({
        lineIndex: line.index,
        sku: line.sku,
        requestedPriceMinor: asked,
        allowedPriceMinor: line.allowedUnit,
        discountBp: requiredDiscountBp(line.allowedUnit, asked),
      });
    }
  }

  const priced: PricedLine[] = run.lines.map((l) => {
    const net = l.unit * BigInt(l.qty) - l.discount;
    const tax = percentOfMinor(net, l.product.taxRateBp);
    const steps = [...l.steps];
    if (l.product.taxRateBp > 0) {
      steps.push({ step: 'tax', rate_bp: l.product.taxRateBp, tax: moneyText(tax) });
    }
    return {
      sku: l.sku,
      qty: l.qty,
      free: false,
      listPriceMinor: l.product.listPriceMinor,
      unitPriceMinor: l.unit,
      discountMinor: l.discount,
      lineTotalMinor: net,
      taxRateBp: l.product.taxRateBp,
      taxMinor: tax,
      requestedPriceMinor: input.lines[l.index]?.requestedPriceMinor ?? null,
      explanation: steps,
    };
  });
  for (const f of run.free) {
    priced.push({
      sku: f.sku,
      qty: f.qty,
      free: true,
      listPriceMinor: f.product.listPriceMinor,
      unitPriceMinor: 0n,
      discountMinor: 0n,
      lineTotalMinor: 0n,
      taxRateBp: f.product.taxRateBp,
      taxMinor: 0n,
      requestedPriceMinor: null,
      explanation: [
        { step: 'free_goods', source_id: f.scheme.id, name: f.scheme.name, for_sku: f.forSku },
      ],
    });
  }

  const subtotalMinor = priced.reduce((a, l) => a + l.lineTotalMinor, 0n);
  const taxMinor = priced.reduce((a, l) => a + l.taxMinor, 0n);
  const listValue = priced.reduce((a, l) => a + l.listPriceMinor * BigInt(l.qty), 0n);
  const savings = listValue - subtotalMinor;
  return {
    ok: true,
    lines: priced,
    subtotalMinor,
    taxMinor,
    totalMinor: subtotalMinor + taxMinor,
    savingsMinor: savings > 0n ? savings : 0n,
    schemes: chosen.map((s): AppliedScheme => ({
      id: s.id,
      name: s.name,
      savingMinor: run.savingBy.get(s.id) ?? 0n,
    })),
    exceptions,
    nudges: slabNudges(base, slabs),
  };
}

function baseUnitPrice(
  input: PriceOrderInput,
  product: PricingProduct,
): { unit: Minor; step: PriceStep } {
  const own: ListPrice | undefined = input.dealerPrices.get(product.sku);
  if (own !== undefined) {
    return {
      unit: own.priceMinor,
      step: {
        step: 'price_list',
        source_id: own.priceList,
        price_list: own.priceList,
        effective_from: own.effectiveFrom,
        unit_price: moneyText(own.priceMinor),
      },
    };
  }
  const regional = input.regionalPrices.get(product.sku);
  if (regional !== undefined && input.dealer.region !== null) {
    return {
      unit: regional.priceMinor,
      step: {
        step: 'regional_list',
        source_id: regional.priceList,
        price_list: regional.priceList,
        region: input.dealer.region,
        effective_from: regional.effectiveFrom,
        unit_price: moneyText(regional.priceMinor),
      },
    };
  }
  return {
    unit: product.listPriceMinor,
    step: {
      step: 'list_price',
      source_id: product.sku,
      because: input.dealer.priceList === null ? 'no_price_list' : 'not_on_price_list',
      price_list: input.dealer.priceList,
      unit_price: moneyText(product.listPriceMinor),
    },
  };
}

/** Valid on the day and aimed at this dealer. */
export function isLive(scheme: Scheme, input: Pick<PriceOrderInput, 'on' | 'dealer'>): boolean {
  if (scheme.validFrom !== null && input.on < scheme.validFrom) return false;
  if (scheme.validTo !== null && input.on > scheme.validTo) return false;
  const a = scheme.audience;
  if (a.regions.length === 0 && a.priceLists.length === 0 && a.dealers.length === 0) return true;
  const d = input.dealer;
  return (
    a.dealers.includes(d.code) ||
    (d.region !== null && a.regions.includes(d.region)) ||
    (d.priceList !== null && a.priceLists.includes(d.priceList))
  );
}

/** Whether the scheme's condition holds on the order after slabs. */
function minimumReached(scheme: Scheme, lines: readonly WorkLine[]): boolean {
  const rule = scheme.rule;
  switch (rule.kind) {
    case 'buy_get':
      return lines.some((l) => l.sku === rule.buySku && l.qty >= rule.buyQty);
    case 'percent_off':
    case 'flat_off': {
      const hit = lines.filter((l) => matchesTarget(l.product, rule.target));
      if (hit.length === 0) return false;
      const measure =
        rule.min.basis === 'qty'
          ? hit.reduce((a, l) => a + BigInt(l.qty), 0n)
          : hit.reduce((a, l) => a + l.slabUnit * BigInt(l.qty), 0n);
      return measure >= rule.min.value;
    }
    case 'order_value':
      return lines.reduce((a, l) => a + l.slabUnit * BigInt(l.qty), 0n) >= rule.minAmountMinor;
  }
}

const KIND_ORDER = { percent_off: 0, flat_off: 1, order_value: 2, buy_get: 3 } as const;

interface SchemeRun {
  lines: (WorkLine & { allowedUnit: Minor })[];
  free: FreeLine[];
  /** Net of paid lines saved against the post-slab order, plus free goods at their base price. */
  saving: Minor;
  savingBy: Map<string, Minor>;
}

/**
 * Applies a set of schemes (already chosen) to copies of the post-slab
 * lines. With `withSteps`, records explanation steps and applies approved
 * exceptions; without, it only measures the saving (scheme selection).
 */
export function applySchemes(
  base: readonly WorkLine[],
  set: readonly Scheme[],
  input: PriceOrderInput,
  withSteps: boolean,
): SchemeRun {
  const lines = base.map((l): WorkLine & { allowedUnit: Minor } => ({
    index: l.index,
    sku: l.sku,
    qty: l.qty,
    product: l.product,
    baseUnit: l.baseUnit,
    slabUnit: l.slabUnit,
    unit: l.slabUnit,
    discount: 0n,
    steps: withSteps ? [...l.steps] : l.steps,
    excepted: l.excepted,
    allowedUnit: l.slabUnit,
  }));
  const free: FreeLine[] = [];
  const savingBy = new Map<string, Minor>();
  const add = (id: string, amount: Minor) => savingBy.set(id, (savingBy.get(id) ?? 0n) + amount);
  const ordered =
    set.length < 2
      ? set
      : [...set].sort(
          (a, b) =>
            KIND_ORDER[a.rule.kind] - KIND_ORDER[b.rule.kind] ||
            a.priority - b.priority ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
  let exceptionsDone = false;
  const applyExceptions = () => {
    if (exceptionsDone || !withSteps) return;
    exceptionsDone = true;
    for (const l of lines) {
      l.allowedUnit = l.unit;
      const approved = input.lines[l.index]?.approvedException ?? null;
      if (approved === null || approved.priceMinor >= l.unit) continue;
      l.steps.push({
        step: 'exception',
        source_id: approved.id,
        requested_price: moneyText(approved.priceMinor),
        allowed_price: moneyText(l.unit),
        unit_price: moneyText(approved.priceMinor),
      });
      l.unit = approved.priceMinor;
      l.excepted = true;
    }
  };
  for (const scheme of ordered) {
    const rule = scheme.rule;
    if (rule.kind !== 'percent_off') applyExceptions();
    switch (rule.kind) {
      case 'percent_off':
        for (const l of lines) {
          if (!matchesTarget(l.product, rule.target)) continue;
          const next = discountedMinor(l.unit, rule.discountBp);
          add(scheme.id, (l.unit - next) * BigInt(l.qty));
          l.unit = next;
          if (withSteps) {
            l.steps.push({
              step: 'scheme',
              source_id: scheme.id,
              name: scheme.name,
              kind: rule.kind,
              unit_price: moneyText(next),
            });
          }
        }
        break;
      case 'flat_off':
        split(
          lines.filter((l) => !l.excepted && matchesTarget(l.product, rule.target)),
          rule.amountMinor,
          scheme,
          withSteps,
          add,
        );
        break;
      case 'order_value': {
        const eligible = lines.filter((l) => !l.excepted);
        const net = eligible.reduce((a, l) => a + l.unit * BigInt(l.qty) - l.discount, 0n);
        const amount =
          rule.discountBp !== null
            ? percentOfMinor(net, rule.discountBp)
            : (rule.amountMinor ?? 0n);
        split(eligible, amount, scheme, withSteps, add);
        break;
      }
      case 'buy_get': {
        const bought = lines.filter((l) => l.sku === rule.buySku).reduce((a, l) => a + l.qty, 0);
        const times = rule.repeating
          ? Math.floor(bought / rule.buyQty)
          : bought >= rule.buyQty
            ? 1
            : 0;
        const product = input.products.get(rule.getSku);
        if (times === 0 || product === undefined || !product.active) break;
        const qty = times * rule.getQty;
        free.push({ sku: rule.getSku, qty, product, scheme, forSku: rule.buySku });
        const value =
          input.dealerPrices.get(rule.getSku)?.priceMinor ??
          input.regionalPrices.get(rule.getSku)?.priceMinor ??
          product.listPriceMinor;
        add(scheme.id, value * BigInt(qty));
        break;
      }
    }
  }
  applyExceptions();
  let saving = 0n;
  for (const v of savingBy.values()) saving += v;
  return { lines, free, saving, savingBy };
}

function split(
  lines: (WorkLine & { allowedUnit: Minor })[],
  amount: Minor,
  scheme: Scheme,
  withSteps: boolean,
  add: (id: string, amount: Minor) => void,
): void {
  const weights = lines.map((l) => l.unit * BigInt(l.qty) - l.discount);
  const shares = allocateMinor(amount, weights);
  lines.forEach((l, i) => {
    const share = shares[i] ?? 0n;
    if (share === 0n) return;
    l.discount += share;
    add(scheme.id, share);
    if (withSteps) {
      l.steps.push({
        step: 'scheme',
        source_id: scheme.id,
        name: scheme.name,
        kind: scheme.rule.kind,
        line_discount: moneyText(share),
      });
    }
  });
}

/** ceil((allowed − asked) × 10 000 / allowed). */
export function requiredDiscountBp(allowed: Minor, asked: Minor): number {
  if (allowed <= 0n || asked >= allowed) return 0;
  const gap = (allowed - asked) * 10_000n;
  return Number((gap + allowed - 1n) / allowed);
}
