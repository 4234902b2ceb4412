/**
 * zod schemas for single CSV cells. A cell arrives as the raw string (or
 * `undefined` when its optional column is absent) and leaves typed; every
 * complaint is worded to follow the cell's value in a problem report.
 */
import { z } from 'zod';
import { parseMoney } from './money.js';
import { normalizePhone, type CountryCode } from './phone.js';

const rawCell = z.string().optional();

/** Trimmed, non-empty text. */
export const requiredTextCell = rawCell.transform((value, ctx) => {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    ctx.issues.push({ code: 'custom', message: 'is required', input: value });
    return z.NEVER;
  }
  return trimmed;
});

/** Trimmed text; empty means `null`. */
export const optionalTextCell = rawCell.transform((value) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
});

/** `|`-separated list, items trimmed, empty items and repeats dropped. */
export const listCell = rawCell.transform((value) => splitList(value));

/** A positive whole number; empty means `fallback`. */
export function positiveIntegerCell(fallback: number) {
  return rawCell.transform((value, ctx) => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return fallback;
    const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < 1) {
      ctx.issues.push({ code: 'custom', message: 'must be a positive whole number', input: value });
      return z.NEVER;
    }
    return parsed;
  });
}

export interface MoneyCellOptions {
  /** Value when the cell is empty; `'required'` makes an empty cell a problem. */
  whenEmpty: 'required' | bigint | null;
  /** Accept a leading minus. Default `false`. */
  allowNegative?: boolean;
}

/** A decimal amount with at most 2 places, as integer minor units. */
export function moneyCell<const O extends MoneyCellOptions>(options: O) {
  return rawCell.transform((value, ctx): bigint | Exclude<O['whenEmpty'], 'required'> => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '' && options.whenEmpty !== 'required') {
      return options.whenEmpty as Exclude<O['whenEmpty'], 'required'>;
    }
    const parsed = parseMoney(trimmed, { allowNegative: options.allowNegative ?? false });
    if (!parsed.ok) {
      ctx.issues.push({ code: 'custom', message: parsed.reason, input: value });
      return z.NEVER;
    }
    return parsed.minor;
  });
}

/** `|`-separated phone numbers, each normalised to E.164. */
export function phoneListCell(region: CountryCode) {
  return rawCell.transform((value, ctx) => {
    const phones: string[] = [];
    for (const item of splitList(value)) {
      const normalized = normalizePhone(item, region);
      if (normalized.ok) phones.push(normalized.e164);
      else ctx.issues.push({ code: 'custom', message: normalized.reason, input: value });
    }
    return [...new Set(phones)];
  });
}

const emailSchema = z.email();

/** `|`-separated e-mail addresses, trimmed and lower-cased. */
export const emailListCell = rawCell.transform((value, ctx) => {
  const emails: string[] = [];
  for (const item of splitList(value)) {
    const lowered = item.toLowerCase();
    if (emailSchema.safeParse(lowered).success) emails.push(lowered);
    else
      ctx.issues.push({
        code: 'custom',
        message: `"${item}" is not an e-mail address`,
        input: value,
      });
  }
  return [...new Set(emails)];
});

function splitList(value: string | undefined): string[] {
  const items = (value ?? '')
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** A calendar day `YYYY-MM-DD`; empty means `null` (unbounded). */
export const dayCell = rawCell.transform((value, ctx) => {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = match ? new Date(`${trimmed}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed) {
    ctx.issues.push({
      code: 'custom',
      message: 'is not a date; write it as YYYY-MM-DD',
      input: value,
    });
    return z.NEVER;
  }
  return trimmed;
});

export interface PercentCellOptions {
  /** Accept 0 (a 0% tax rate). Default `false`: a discount must be above 0. */
  allowZero?: boolean;
}

/**
 * A percentage as a decimal with at most 2 places (`18`, `5.5`, `12.25`),
 * as integer basis points (`1800`, `550`, `1225`); at most 100. Empty: `null`.
 */
export function percentCell(options: PercentCellOptions = {}) {
  return rawCell.transform((value, ctx): number | null => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return null;
    const bp = parsePercent(trimmed);
    if (typeof bp === 'string') {
      ctx.issues.push({ code: 'custom', message: bp, input: value });
      return z.NEVER;
    }
    if (bp === 0 && !options.allowZero) {
      ctx.issues.push({ code: 'custom', message: 'must be more than 0', input: value });
      return z.NEVER;
    }
    return bp;
  });
}

/** `"5.5"` → 550 basis points, or the reason it is not a percentage. */
export function parsePercent(text: string): number | string {
  const match = /^(\d+)(?:\.(\d{1,2}))?%?$/.exec(text.trim());
  if (!match) {
    if (/^\d+\.\d{3,}%?$/.test(text.trim())) return 'has more than 2 decimal places';
    if (text.trim().startsWith('-')) return 'must not be negative';
    return 'is not a percentage (write it like 18 or 5.5)';
  }
  const [, whole = '0', fraction = ''] = match;
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > 10_000) return 'must be at most 100';
  return bp;
}

/** One of `values` (compared trimmed, case-insensitively); empty means `fallback`. */
export function choiceCell<const V extends string, F extends V | null | 'required'>(
  values: readonly V[],
  fallback: F,
) {
  return rawCell.transform((value, ctx): V | Exclude<F, 'required'> => {
    const trimmed = value?.trim().toLowerCase() ?? '';
    if (trimmed === '' && fallback !== 'required') return fallback as Exclude<F, 'required'>;
    const found = values.find((v) => v === trimmed);
    if (found === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: trimmed === '' ? 'is required' : `must be one of ${values.join(', ')}`,
        input: value,
      });
      return z.NEVER;
    }
    return found;
  });
}

/** A whole number ≥ 0 (`allowZero`) or ≥ 1; empty means `null`. */
export function wholeNumberCell(options: { allowZero?: boolean } = {}) {
  return rawCell.transform((value, ctx): number | null => {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') return null;
    const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    const min = options.allowZero ? 0 : 1;
    if (!Number.isSafeInteger(parsed) || parsed < min) {
      ctx.issues.push({
        code: 'custom',
        message: min === 0 ? 'must be a whole number' : 'must be a positive whole number',
        input: value,
      });
      return z.NEVER;
    }
    return parsed;
  });
}

/** yes/no, true/false, y/n, 1/0; empty means `fallback`. */
export function flagCell(fallback: boolean) {
  return rawCell.transform((value, ctx): boolean => {
    const trimmed = value?.trim().toLowerCase() ?? '';
    if (trimmed === '') return fallback;
    if (['yes', 'y', 'true', '1'].includes(trimmed)) return true;
    if (['no', 'n', 'false', '0'].includes(trimmed)) return false;
    ctx.issues.push({ code: 'custom', message: 'must be yes or no', input: value });
    return z.NEVER;
  });
}
