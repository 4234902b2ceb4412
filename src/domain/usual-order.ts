/**
 * When a dealer's usual order is due: their usual interval is the median gap
 * between their recent orders (at least three orders, so two gaps); a
 * reminder is due once a quarter more than that has passed since the last
 * order, and not after four intervals (a dealer who stopped ordering is a
 * sales matter, not a reminder). Pure.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Gaps shorter than this are one order sent in parts, not a rhythm. */
const MIN_GAP_MS = DAY_MS;

/** Median gap between consecutive orders (any order of `times`), or null with fewer than two gaps. */
export function usualIntervalMs(times: readonly Date[]): number | null {
  const sorted = [...times].map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap >= MIN_GAP_MS) gaps.push(gap);
  }
  if (gaps.length < 2) return null;
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

export interface ReminderCheck {
  orderTimes: readonly Date[];
  now: Date;
}

/** Whole days since the last order when a reminder is due now; null when it is not. */
export function usualOrderDue(check: ReminderCheck): { daysSinceLast: number } | null {
  const interval = usualIntervalMs(check.orderTimes);
  if (interval === null) return null;
  const last = Math.max(...check.orderTimes.map((t) => t.getTime()));
  const since = check.now.getTime() - last;
  if (since < interval * 1.25 || since > interval * 4) return null;
  return { daysSinceLast: Math.floor(since / DAY_MS) };
}
