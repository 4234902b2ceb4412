/**
 * The order state machine. Statuses are those of docs/http-api.md;
 * every change goes through `assertTransition` so an impossible move (a
 * delivered order "confirmed" again) is a CONFLICT, not silent data damage.
 */
import { ORDER_STATUSES, type OrderStatus } from '../db/schema.js';
import { AppError } from './app-error.js';

// One list: the database's check constraint and the state machine share it.
export { ORDER_STATUSES, type OrderStatus };

/** Where a new order may start. */
export const INITIAL_STATUSES: readonly OrderStatus[] = [
  'needs_review',
  'awaiting_confirmation',
  'confirmed',
  'held_credit',
  'held_price',
  'blocked',
];

const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  needs_review: [
    'awaiting_confirmation',
    'confirmed',
    'held_credit',
    'held_price',
    'blocked',
    'rejected',
    'cancelled',
  ],
  awaiting_confirmation: ['confirmed', 'held_credit', 'held_price', 'blocked', 'cancelled'],
  held_credit: ['confirmed', 'blocked', 'rejected', 'cancelled'],
  // awaiting_confirmation: a price exception refused, the dealer is asked to accept the standard price
  held_price: [
    'confirmed',
    'awaiting_confirmation',
    'held_credit',
    'blocked',
    'rejected',
    'cancelled',
  ],
  blocked: ['confirmed', 'rejected', 'cancelled'],
  // After confirmation the ERP's steps come back in any order it works in; the status shows the
  // furthest step (an invoice after dispatch only sets invoiced_at).
  confirmed: ['exported', 'invoiced', 'dispatched', 'delivered', 'cancelled'],
  exported: ['invoiced', 'dispatched', 'delivered'],
  invoiced: ['dispatched', 'delivered'],
  dispatched: ['delivered'],
  cancelled: [],
  rejected: [],
  delivered: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws AppError CONFLICT unless `from → to` is allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `an order cannot go from ${from} to ${to}`, {
      details: { from, to },
    });
  }
}

/** Past confirmation and not cancelled: what the ERP has, may invoice and may ship. */
export const CONFIRMED_OR_LATER: readonly OrderStatus[] = [
  'confirmed',
  'exported',
  'invoiced',
  'dispatched',
  'delivered',
];

/** Statuses whose total counts in the dealer's open-orders exposure (until invoiced). */
export const OPEN_EXPOSURE_STATUSES: readonly OrderStatus[] = [
  'confirmed',
  'exported',
  'dispatched',
  'delivered',
];

/** Statuses a dealer may still cancel by message (nothing has left the warehouse). */
export const DEALER_CANCELLABLE_STATUSES: readonly OrderStatus[] = [
  'needs_review',
  'awaiting_confirmation',
  'held_credit',
  'held_price',
  'blocked',
  'confirmed',
];

export function isFinal(status: OrderStatus): boolean {
  return TRANSITIONS[status].length === 0;
}
