/**
 * What every report reads: which orders count, the dimensions a volume
 * report groups by, the filters, and the query string that carries them (the
 * console's shareable URLs and `GET /api/reports/...` take the same one).
 */
import { z } from 'zod';
import { CHANNELS } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import { CONFIRMED_OR_LATER } from '../../domain/order-status.js';
import { defaultRange, type IsoDate } from '../../domain/report-periods.js';

/** Orders confirmed or later count (the trigger of migrations/0075_report_rollups.ts lists the same). */
export const COUNTED_STATUSES = CONFIRMED_OR_LATER;

export const PERIOD_DIMENSIONS = ['day', 'week', 'month', 'quarter', 'fy'] as const;
export const DIMENSIONS = [
  'dealer',
  'product',
  'brand',
  'category',
  'region',
  'channel',
  ...PERIOD_DIMENSIONS,
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  dealer: 'Dealer',
  product: 'Product',
  brand: 'Brand',
  category: 'Category',
  region: 'Region',
  channel: 'Channel',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  fy: 'Financial year',
};

export function isPeriod(d: Dimension): boolean {
  return (PERIOD_DIMENSIONS as readonly string[]).includes(d);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'must be a real date');

/** An empty field in a console form means "not filtered". */
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((s) => (s === '' ? undefined : s));

export const reportFiltersSchema = z.object({
  from: isoDate.optional().or(z.literal('').transform(() => undefined)),
  to: isoDate.optional().or(z.literal('').transform(() => undefined)),
  dealer: optionalText,
  region: optionalText,
  channel: z
    .enum(CHANNELS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  sku: optionalText,
  brand: optionalText,
  category: optionalText,
});

export const volumeQuerySchema = reportFiltersSchema.extend({
  by: z.enum(DIMENSIONS).default('month'),
  then: z
    .enum(DIMENSIONS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  compare: z.enum(['none', 'previous', 'last_year']).default('none'),
});

export type ReportFilters = z.infer<typeof reportFiltersSchema>;
export type VolumeQuery = z.infer<typeof volumeQuerySchema>;

/** The range of a query, the default (last 12 months) filled in; `to` before `from` is an error. */
export function resolveRange(
  q: Pick<ReportFilters, 'from' | 'to'>,
  today: IsoDate,
): { from: IsoDate; to: IsoDate } {
  const fallback = defaultRange(today);
  const from = q.from ?? (q.to !== undefined && q.to < fallback.from ? q.to : fallback.from);
  const to = q.to ?? (from > today ? from : today);
  if (to < from) throw new AppError('INVALID_INPUT', `to (${to}) is before from (${from})`);
  return { from, to };
}

/** The query string that reproduces `q` (only what differs from the defaults). */
export function toQueryString(q: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}
