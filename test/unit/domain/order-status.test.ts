import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/app-error.js';
import {
  assertTransition,
  canTransition,
  isFinal,
  ORDER_STATUSES,
  type OrderStatus,
} from '../../../src/domain/order-status.js';

describe('order state machine', () => {
  it.each<[OrderStatus, OrderStatus, boolean]>([
    ['needs_review', 'confirmed', true],
    ['needs_review', 'awaiting_confirmation', true],
    ['awaiting_confirmation', 'confirmed', true],
    ['awaiting_confirmation', 'cancelled', true],
    ['held_credit', 'confirmed', true],
    ['confirmed', 'exported', true],
    ['confirmed', 'cancelled', true],
    ['exported', 'dispatched', true],
    ['dispatched', 'delivered', true],
    ['exported', 'cancelled', false],
    ['delivered', 'confirmed', false],
    ['cancelled', 'confirmed', false],
    ['confirmed', 'needs_review', false],
    ['confirmed', 'confirmed', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('throws a CONFLICT AppError for a forbidden move', () => {
    expect(() => assertTransition('delivered', 'cancelled')).toThrow(AppError);
    try {
      assertTransition('delivered', 'cancelled');
    } catch (error) {
      expect((error as AppError).code).toBe('CONFLICT');
    }
  });

  it('has exactly cancelled, rejected and delivered as final states', () => {
    expect(ORDER_STATUSES.filter(isFinal)).toEqual(['cancelled', 'rejected', 'delivered']);
  });
});
