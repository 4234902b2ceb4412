/**
 * Credit arithmetic and the validation outcome. Pure: the caller reads the
 * dealer's credit row under a lock and passes the figures in.
 *
 *   exposure  = outstanding (ledger) + open orders (confirmed, not invoiced)
 *   available = limit − exposure            (null limit: no limit, available null)
 */
import { formatMinor, type Minor } from './money.js';

export interface CreditFigures {
  /** null: no limit. A temporary limit, when in force, is already applied. */
  limitMinor: Minor | null;
  outstandingMinor: Minor;
  openOrdersMinor: Minor;
}

export interface CreditPosition extends CreditFigures {
  exposureMinor: Minor;
  /** null when there is no limit; may be negative when over the limit already. */
  availableMinor: Minor | null;
}

export function computeCreditPosition(figures: CreditFigures): CreditPosition {
  const exposureMinor = figures.outstandingMinor + figures.openOrdersMinor;
  return {
    ...figures,
    exposureMinor,
    availableMinor: figures.limitMinor === null ? null : figures.limitMinor - exposureMinor,
  };
}

/** The limit in force: a temporary limit replaces the dealer's until it expires. */
export function effectiveLimit(input: {
  limitMinor: Minor | null;
  tempLimitMinor: Minor | null;
  tempLimitExpiresAt: Date | null;
  now: Date;
}): Minor | null {
  if (
    input.tempLimitMinor !== null &&
    input.tempLimitExpiresAt !== null &&
    input.tempLimitExpiresAt.getTime() > input.now.getTime()
  ) {
    return input.tempLimitMinor;
  }
  return input.limitMinor;
}

/** How far ahead a temporary limit may run: a standing change belongs in the dealer file. */
export const MAX_TEMPORARY_LIMIT_DAYS = 180;

/**
 * Why a temporary limit may not be set, or null when it may. It is an
 * increase with an expiry: above the dealer's own limit (a dealer without a
 * limit has nothing to raise), ending in the future and within
 * MAX_TEMPORARY_LIMIT_DAYS.
 */
export function temporaryLimitProblem(input: {
  ownLimitMinor: Minor | null;
  requestedMinor: Minor;
  expiresAt: Date;
  now: Date;
}): string | null {
  if (input.ownLimitMinor === null) {
    return 'this dealer has no credit limit, so there is nothing to raise';
  }
  if (input.requestedMinor <= input.ownLimitMinor) {
    return `a temporary limit must be above the dealer's own limit of ${formatMinor(input.ownLimitMinor)}; lower a limit in the dealer file`;
  }
  const ms = input.expiresAt.getTime() - input.now.getTime();
  if (ms <= 0) return 'expires_at must be in the future';
  if (ms > MAX_TEMPORARY_LIMIT_DAYS * 86_400_000) {
    return `expires_at must be within ${MAX_TEMPORARY_LIMIT_DAYS} days; a standing change belongs in the dealer file`;
  }
  return null;
}

export type ValidationOutcomeKind =
  'confirmed' | 'awaiting_confirmation' | 'held_credit' | 'blocked';

export type ValidationReasonCode = 'over_limit' | 'overdue_invoices';

export interface ValidationReason {
  code: ValidationReasonCode;
  message: string;
}

export interface ValidationOutcome {
  outcome: ValidationOutcomeKind;
  reasons: ValidationReason[];
  /** The position before this order. */
  before: CreditPosition;
  /** Available credit after this order if it is confirmed; null with no limit. */
  availableAfterMinor: Minor | null;
}

export interface DecideOutcomeInput {
  credit: CreditFigures;
  orderTotalMinor: Minor;
  /** `hold`: past the limit the order waits for finance; `block`: it is refused. */
  policy: 'hold' | 'block';
  /** false: the dealer must reply YES first. */
  autoConfirm: boolean;
  /** Days the oldest unsettled invoice is past due (0 or less: none overdue). */
  oldestOverdueDays: number | null;
  /** The dealer's overdue rule: more than this many days overdue holds/blocks; null: no rule. */
  overdueDaysAllowed: number | null;
  /**
   * true when the dealer has already said YES (or an operator released it):
   * a passing order is confirmed even without auto-confirm.
   */
  dealerConfirmed?: boolean;
  /**
   * Finance approved this order past the credit rules (an approval on
   * record): the reasons are kept for the audit, the order is confirmed.
   */
  creditApproved?: boolean;
}

/** Decides what happens to an order of this total for this dealer now. */
export function decideOutcome(input: DecideOutcomeInput): ValidationOutcome {
  const before = computeCreditPosition(input.credit);
  const reasons: ValidationReason[] = [];
  const after =
    before.availableMinor === null ? null : before.availableMinor - input.orderTotalMinor;
  if (after !== null && after < 0n) {
    reasons.push({
      code: 'over_limit',
      message: 'this order would take the dealer past the credit limit',
    });
  }
  if (
    input.overdueDaysAllowed !== null &&
    input.oldestOverdueDays !== null &&
    input.oldestOverdueDays > input.overdueDaysAllowed
  ) {
    reasons.push({
      code: 'overdue_invoices',
      message: `an invoice is ${input.oldestOverdueDays} days overdue (allowed: ${input.overdueDaysAllowed})`,
    });
  }
  let outcome: ValidationOutcomeKind;
  if (reasons.length > 0 && input.creditApproved !== true) {
    outcome = input.policy === 'block' ? 'blocked' : 'held_credit';
  } else if (reasons.length > 0) outcome = 'confirmed';
  else if (input.autoConfirm || input.dealerConfirmed === true) outcome = 'confirmed';
  else outcome = 'awaiting_confirmation';
  return { outcome, reasons, before, availableAfterMinor: after };
}

export interface ExposureRow {
  dealerCode: string;
  position: CreditPosition;
}

export interface ExposureTotals {
  /** Σ limits of dealers that have one. */
  limitMinor: Minor;
  outstandingMinor: Minor;
  openOrdersMinor: Minor;
  exposureMinor: Minor;
  /** Dealers whose exposure is past their limit. */
  overLimit: number;
  dealers: number;
}

/** The network total of dealers' credit positions. */
export function totalExposure(rows: readonly ExposureRow[]): ExposureTotals {
  const t: ExposureTotals = {
    limitMinor: 0n,
    outstandingMinor: 0n,
    openOrdersMinor: 0n,
    exposureMinor: 0n,
    overLimit: 0,
    dealers: rows.length,
  };
  for (const { position: p } of rows) {
    t.limitMinor += p.limitMinor ?? 0n;
    t.outstandingMinor += p.outstandingMinor;
    t.openOrdersMinor += p.openOrdersMinor;
    t.exposureMinor += p.exposureMinor;
    if (p.availableMinor !== null && p.availableMinor < 0n) t.overLimit += 1;
  }
  return t;
}
