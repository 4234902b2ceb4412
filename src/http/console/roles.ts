/**
 * What each console role may do. Checked on the server for every page and
 * action (`requirePermission`); the UI only hides what a role cannot use.
 * admin may do everything.
 */
import type { UserRole } from '../../db/schema.js';

export const PERMISSIONS = {
  /** See orders, dealers, channels; every signed-in role. */
  view: ['ops', 'sales_manager', 'finance', 'manager', 'admin'],
  /** Work the review queue: fix, approve, reject, attach dealers. */
  review: ['ops', 'admin'],
  /** Teach an alias to every dealer (not only the one who wrote it). */
  learnGlobal: ['admin'],
  /** Release or reject credit holds. */
  approveCredit: ['finance', 'admin'],
  /** Send orders to the ERP again (dead letters, a date range). */
  resendExports: ['finance', 'admin'],
  /** Decide price exceptions. */
  approvePrice: ['sales_manager', 'admin'],
  /** Reports: volume, dealer trends, credit exposure, operations; the weekly digest. */
  reports: ['sales_manager', 'finance', 'manager', 'admin'],
  /** The queue dashboard, users, channels' controls. */
  admin: ['admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

export const ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  ops: 'Ops',
  sales_manager: 'Sales manager',
  manager: 'Management',
  finance: 'Finance',
  admin: 'Admin',
};
