/**
 * Volume slabs: a target's quantity or amount in the order (at base prices)
 * reaching a tier takes that tier's discount off each of its lines' unit
 * price. Slabs never stack: a line gets the single largest slab it reaches.
 */
import type { Minor } from '../money.js';
import type { Slab, SlabNudge } from './types.js';
import { matchesTarget, type WorkLine } from './work-line.js';

/** A nudge is offered when the next tier is at most this share away (1/4 = 25%). */
export const NUDGE_WITHIN_DIVISOR = 4n;
/** At most this many nudges per order. */
export const MAX_NUDGES = 2;

function measure(lines: readonly WorkLine[], slab: Slab): bigint {
  let total = 0n;
  for (const l of lines) {
    if (!matchesTarget(l.product, slab.target)) continue;
    total += slab.basis === 'qty' ? BigInt(l.qty) : l.baseUnit * BigInt(l.qty);
  }
  return total;
}

/** The slab each line gets (by line index), if any. */
export function bestSlabs(lines: readonly WorkLine[], slabs: readonly Slab[]): Map<number, Slab> {
  const best = new Map<number, Slab>();
  if (slabs.length === 0) return best;
  const cache = new Map<string, bigint>();
  for (const slab of slabs) {
    const key = `${slab.target.kind}\u0000${slab.target.value.toLowerCase()}\u0000${slab.basis}`;
    let m = cache.get(key);
    if (m === undefined) {
      m = measure(lines, slab);
      cache.set(key, m);
    }
    if (m === 0n || m < slab.threshold) continue;
    for (const l of lines) {
      if (!matchesTarget(l.product, slab.target)) continue;
      const current = best.get(l.index);
      if (
        current === undefined ||
        slab.discountBp > current.discountBp ||
        (slab.discountBp === current.discountBp && slab.id < current.id)
      ) {
        best.set(l.index, slab);
      }
    }
  }
  return best;
}

/** Tiers the order is close to: "add 2 cases for 5% off". */
export function slabNudges(lines: readonly WorkLine[], slabs: readonly Slab[]): SlabNudge[] {
  const ladders = new Map<string, Slab[]>();
  for (const slab of slabs) {
    const key = `${slab.target.kind}\u0000${slab.target.value.toLowerCase()}\u0000${slab.basis}`;
    ladders.set(key, [...(ladders.get(key) ?? []), slab]);
  }
  const nudges: (SlabNudge & { share: number })[] = [];
  for (const tiers of ladders.values()) {
    const m = measure(lines, tiers[0]!);
    if (m === 0n) continue;
    const reachedBp = Math.max(
      0,
      ...tiers.filter((t) => m >= t.threshold).map((t) => t.discountBp),
    );
    const next = tiers
      .filter((t) => t.threshold > m && t.discountBp > reachedBp)
      .sort((a, b) => (a.threshold < b.threshold ? -1 : a.threshold > b.threshold ? 1 : 0))[0];
    if (next === undefined) continue;
    const missing: Minor = next.threshold - m;
    if (missing * NUDGE_WITHIN_DIVISOR > next.threshold) continue;
    nudges.push({
      slabId: next.id,
      target: next.target,
      basis: next.basis,
      missing,
      discountBp: next.discountBp,
      share: Number(missing) / Number(next.threshold),
    });
  }
  return nudges
    .sort((a, b) => a.share - b.share || (a.slabId < b.slabId ? -1 : 1))
    .slice(0, MAX_NUDGES)
    .map(({ share: _share, ...n }) => n);
}
