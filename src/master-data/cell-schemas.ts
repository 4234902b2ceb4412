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
