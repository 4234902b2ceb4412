/**
 * Calendar rules of the reports, on plain `YYYY-MM-DD` India dates: the
 * Indian financial year (April–March) and its quarters, comparison ranges,
 * date-range presets, and how a range splits into whole months (read from
 * monthly rollups) and edge days (read from daily rollups).
 */

export type IsoDate = string;

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Same day `months` later, clamped to the month's end (31 Mar + 1 month = 30 Apr). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return fromUtc(target);
}

export function monthStart(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: IsoDate): IsoDate {
  return addDays(addMonths(monthStart(date), 1), -1);
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000) + 1;
}

/** First year of the financial year holding `date`: 2026 for 2026-04-01 … 2027-03-31. */
export function fyStartYear(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** "FY2026-27". */
export function fyLabel(date: IsoDate): string {
  const y = fyStartYear(date);
  return `FY${y}-${String((y + 1) % 100).padStart(2, '0')}`;
}

/** "FY2026-27 Q1" (April–June is Q1). */
export function fyQuarterLabel(date: IsoDate): string {
  const month = Number(date.slice(5, 7));
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  return `${fyLabel(date)} Q${quarter}`;
}

export function fyStart(date: IsoDate): IsoDate {
  return `${fyStartYear(date)}-04-01`;
}

/** A range read as whole months where it can be: `months` are month starts, inclusive. */
export interface RangeSplit {
  headDays: [IsoDate, IsoDate] | null;
  months: [IsoDate, IsoDate] | null;
  tailDays: [IsoDate, IsoDate] | null;
}

export function splitRange(from: IsoDate, to: IsoDate): RangeSplit {
  const firstWhole = from === monthStart(from) ? from : addMonths(monthStart(from), 1);
  const lastWholeEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  if (firstWhole > lastWholeEnd) return { headDays: [from, to], months: null, tailDays: null };
  return {
    headDays: from < firstWhole ? [from, addDays(firstWhole, -1)] : null,
    months: [firstWhole, monthStart(lastWholeEnd)],
    tailDays: lastWholeEnd < to ? [addDays(lastWholeEnd, 1), to] : null,
  };
}

export type CompareKind = 'previous' | 'last_year';

/** The range a report is compared with, and how far its dates move to line up with the range. */
export interface CompareRange {
  from: IsoDate;
  to: IsoDate;
  /** Added to a comparison date to give the date it compares with. */
  shift: { months: number } | { days: number };
}

/**
 * `previous`: the same length just before (whole months stay whole months:
 * Apr–Jun compares with Jan–Mar); `last_year`: the same dates a year before.
 */
export function compareRange(from: IsoDate, to: IsoDate, kind: CompareKind): CompareRange {
  if (kind === 'last_year') {
    return { from: addMonths(from, -12), to: addMonths(to, -12), shift: { months: 12 } };
  }
  if (from === monthStart(from) && to === monthEnd(to)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(to.slice(5, 7)) -
      Number(from.slice(5, 7)) +
      1;
    return { from: addMonths(from, -months), to: addDays(from, -1), shift: { months } };
  }
  const days = daysInRange(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1), shift: { days } };
}

export interface RangePreset {
  id: string;
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** The date-range picker's presets, as of `today` (India). */
export function rangePresets(today: IsoDate): RangePreset[] {
  const lastFyStart = `${fyStartYear(today) - 1}-04-01`;
  return [
    { id: 'this_month', label: 'This month', from: monthStart(today), to: today },
    {
      id: 'last_month',
      label: 'Last month',
      from: addMonths(monthStart(today), -1),
      to: addDays(monthStart(today), -1),
    },
    { id: 'last_90', label: 'Last 90 days', from: addDays(today, -89), to: today },
    { id: 'this_fy', label: `This year (${fyLabel(today)})`, from: fyStart(today), to: today },
    {
      id: 'last_fy',
      label: `Last year (${fyLabel(lastFyStart)})`,
      from: lastFyStart,
      to: addDays(fyStart(today), -1),
    },
    {
      id: 'last_12_months',
      label: 'Last 12 months',
      from: addMonths(monthStart(today), -11),
      to: today,
    },
  ];
}

/** The default range: the last 12 months, this one included. */
export function defaultRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(monthStart(today), -11), to: today };
}

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'fy';

/** The days of one period key as the volume report writes it ("2026-05", "FY2025-26 Q3", …); null if malformed. */
export function periodRange(kind: PeriodKind, key: string): { from: IsoDate; to: IsoDate } | null {
  const fy = /^FY(\d{4})-\d{2}(?: Q([1-4]))?$/.exec(key);
  switch (kind) {
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(key) ? { from: key, to: key } : null;
    case 'week':
      return /^\d{4}-\d{2}-\d{2}$/.test(key) ? { from: key, to: addDays(key, 6) } : null;
    case 'month':
      return /^\d{4}-\d{2}$/.test(key) ? { from: `${key}-01`, to: monthEnd(`${key}-01`) } : null;
    case 'quarter': {
      if (fy?.[2] === undefined) return null;
      const from = addMonths(`${fy[1]}-04-01`, (Number(fy[2]) - 1) * 3);
      return { from, to: monthEnd(addMonths(from, 2)) };
    }
    case 'fy':
      return fy === null || fy[2] !== undefined
        ? null
        : { from: `${fy[1]}-04-01`, to: `${Number(fy[1]) + 1}-03-31` };
  }
}
