import type { SegmentReading } from './rules/read-segment.js';
import type { Candidate, ReviewReason } from './types.js';

export function reason(
  code: ReviewReason['code'],
  message: string,
  source?: string,
  candidates?: Candidate[],
): ReviewReason {
  return { code, message, ...(source ? { source } : {}), ...(candidates ? { candidates } : {}) };
}

/** The SKUs a reviewer can pick from for a mention. */
export function candidatesOf(reading: SegmentReading): Candidate[] {
  return reading.product.candidates.map((c) => ({
    sku: c.sku.item.sku,
    name: c.sku.item.name,
    score: Math.round(c.score * 100) / 100,
  }));
}
