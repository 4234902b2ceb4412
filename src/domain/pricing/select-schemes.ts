/**
 * Which live schemes apply, by their declared stacking:
 *
 * - `priority` schemes all stack (applied in priority order).
 * - `best` schemes compete with the other `best` schemes touching one of
 *   the same lines (an order-value scheme touches every line): the larger
 *   saving wins, ties to the lower priority number then id.
 * - `exclusive` schemes never stack: the stack above is compared with each
 *   exclusive scheme alone and the dealer gets the larger saving (a tie keeps
 *   the stack).
 *
 * `savingOf(set)` measures a set's saving on the order; it is called for each
 * scheme alone and for the final stack.
 */
import type { Minor } from '../money.js';
import type { Scheme } from './types.js';

export function selectSchemes(
  live: readonly Scheme[],
  savingOf: (set: readonly Scheme[]) => Minor,
): Scheme[] {
  if (live.length === 0) return [];
  const alone = new Map(live.map((s) => [s.id, savingOf([s])]));
  const useful = live.filter((s) => (alone.get(s.id) ?? 0n) > 0n);
  const byRank = (a: Scheme, b: Scheme) => {
    const sa = alone.get(a.id) ?? 0n;
    const sb = alone.get(b.id) ?? 0n;
    if (sa !== sb) return sa > sb ? -1 : 1;
    return a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };

  const stack: Scheme[] = useful.filter((s) => s.stacking === 'priority');
  const taken: Scheme[] = [];
  for (const s of useful.filter((x) => x.stacking === 'best').sort(byRank)) {
    if (taken.some((t) => overlaps(t, s))) continue;
    taken.push(s);
  }
  stack.push(...taken);
  const stackSaving = stack.length === 0 ? 0n : savingOf(stack);

  const bestExclusive = useful.filter((s) => s.stacking === 'exclusive').sort(byRank)[0];
  if (bestExclusive !== undefined && (alone.get(bestExclusive.id) ?? 0n) > stackSaving) {
    return [bestExclusive];
  }
  return stack.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
}

/** Whether two schemes could touch the same line (conservative: same or unknown scope). */
function overlaps(a: Scheme, b: Scheme): boolean {
  const sa = scope(a);
  const sb = scope(b);
  if (sa === null || sb === null) return true;
  if (sa.kind !== sb.kind) return true;
  return sa.value.toLowerCase() === sb.value.toLowerCase();
}

function scope(s: Scheme): { kind: string; value: string } | null {
  switch (s.rule.kind) {
    case 'percent_off':
    case 'flat_off':
      return s.rule.target;
    case 'buy_get':
      return { kind: 'sku', value: s.rule.buySku };
    case 'order_value':
      return null;
  }
}
